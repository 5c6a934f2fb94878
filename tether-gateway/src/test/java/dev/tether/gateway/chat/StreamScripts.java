package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.api.stream.StreamEvent.ContentBlockDelta;
import dev.tether.api.stream.StreamEvent.ContentBlockStart;
import dev.tether.api.stream.StreamEvent.ContentBlockStop;
import java.util.List;

/** Event sequences as a backend would emit them, built from the API records. */
final class StreamScripts {
  private StreamScripts() {}

  /** Thinking, text, then two parallel tool calls whose arguments arrive in fragments. */
  static List<StreamEvent> thinkingTextAndTwoToolCalls() {
    return List.of(
        new StreamEvent.MessageStart(MessageResponse.started("msg_01", "qwen3", new Usage(12, 1, 0, 3))),
        new StreamEvent.Ping(),
        new ContentBlockStart(0, new ContentBlock.Thinking("", "")),
        new ContentBlockDelta(0, new Delta.ThinkingDelta("Two cities.")),
        new ContentBlockDelta(0, new Delta.SignatureDelta("c2ln")),
        new ContentBlockStop(0),
        new ContentBlockStart(1, new ContentBlock.Text("")),
        new ContentBlockDelta(1, new Delta.TextDelta("Checking ")),
        new ContentBlockDelta(1, new Delta.TextDelta("both.")),
        new ContentBlockStop(1),
        new ContentBlockStart(2, new ContentBlock.ToolUse("toolu_a", "get_weather", json("{}"))),
        new ContentBlockDelta(2, new Delta.InputJsonDelta("{\"city\":")),
        new ContentBlockDelta(2, new Delta.InputJsonDelta(" \"Paris\"}")),
        new ContentBlockStop(2),
        new ContentBlockStart(3, new ContentBlock.ToolUse("toolu_b", "get_weather", json("{}"))),
        new ContentBlockDelta(3, new Delta.InputJsonDelta("{\"city\":\"Oslo\"}")),
        new ContentBlockStop(3),
        new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(null, 40, null, null)),
        new StreamEvent.MessageStop());
  }

  /** Plain text cut short by max_tokens, with an unknown event in the middle. */
  static List<StreamEvent> textCutShort() {
    return List.of(
        new StreamEvent.MessageStart(MessageResponse.started("msg_02", "llama", Usage.of(5, 0))),
        new ContentBlockStart(0, new ContentBlock.Text("")),
        new ContentBlockDelta(0, new Delta.TextDelta("Once upon")),
        new StreamEvent.Unknown((ObjectNode) json("{\"type\":\"future_event\"}")),
        new ContentBlockDelta(0, new Delta.TextDelta(" a time")),
        new ContentBlockStop(0),
        new StreamEvent.MessageDelta(StopReason.MAX_TOKENS, null, new Usage(null, 3, null, null)),
        new StreamEvent.MessageStop());
  }

  /** A tool use whose whole input comes in its start event, with no deltas (some backends do this). */
  static List<StreamEvent> toolInputInTheStartEvent() {
    return List.of(
        new StreamEvent.MessageStart(MessageResponse.started("msg_03", "m", Usage.of(7, 0))),
        new ContentBlockStart(0, new ContentBlock.ToolUse("toolu_c", "ls", json("{\"path\":\"/tmp\"}"))),
        new ContentBlockStop(0),
        new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(null, 4, null, null)),
        new StreamEvent.MessageStop());
  }

  /** An empty reply: one text block that never gets any text. */
  static List<StreamEvent> emptyReply() {
    return List.of(
        new StreamEvent.MessageStart(MessageResponse.started("msg_04", "m", Usage.of(2, 0))),
        new ContentBlockStart(0, new ContentBlock.Text("")),
        new ContentBlockStop(0),
        new StreamEvent.MessageDelta(StopReason.END_TURN, null, new Usage(null, 0, null, null)),
        new StreamEvent.MessageStop());
  }
}
