package dev.tether.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds a stream of events into the message it describes, checking the protocol as it goes: one
 * {@code message_start} first, blocks started at indices 0, 1, 2… in order, deltas only for the open
 * block and of its kind, each block stopped before the next starts, {@code message_delta} after the
 * last block, {@code message_stop} last. A violation throws {@link IllegalStateException}.
 *
 * <p>This is how the gateway answers non-streaming requests (one code path with streaming), and how
 * tests check that a stream is well formed.
 */
public final class MessageAssembler {
  private MessageResponse start;
  private final List<ContentBlock> blocks = new ArrayList<>();
  private ContentBlock open;
  private final StringBuilder openText = new StringBuilder();
  private final StringBuilder openSignature = new StringBuilder();
  private StopReason stopReason;
  private String stopSequence;
  private Usage usage;
  private boolean delta;
  private boolean stopped;

  /** Takes the next event. */
  public void accept(StreamEvent event) {
    switch (event) {
      case StreamEvent.MessageStart s -> {
        check(start == null, "message_start must come once, first");
        start = s.message();
        usage = s.message().usage();
      }
      case StreamEvent.ContentBlockStart s -> {
        begun();
        check(!delta, "content_block_start after message_delta");
        check(open == null, "content_block_start " + s.index() + " while block " + blocks.size() + " is open");
        check(s.index() == blocks.size(), "content_block_start index " + s.index() + ", expected " + blocks.size());
        open = s.contentBlock();
        openText.setLength(0);
        openSignature.setLength(0);
      }
      case StreamEvent.ContentBlockDelta d -> {
        begun();
        check(open != null && d.index() == blocks.size(), "delta for block " + d.index() + " that is not open");
        appendDelta(d.delta());
      }
      case StreamEvent.ContentBlockStop s -> {
        begun();
        check(open != null && s.index() == blocks.size(), "content_block_stop for block " + s.index() + " that is not open");
        blocks.add(close());
        open = null;
      }
      case StreamEvent.MessageDelta d -> {
        begun();
        check(open == null, "message_delta while block " + blocks.size() + " is open");
        check(!delta, "message_delta must come once");
        delta = true;
        stopReason = d.delta().stopReason();
        stopSequence = d.delta().stopSequence();
        usage = usage == null ? d.usage() : usage.merge(d.usage());
      }
      case StreamEvent.MessageStop s -> {
        begun();
        check(delta, "message_stop before message_delta");
        check(!stopped, "message_stop must come once");
        stopped = true;
      }
      case StreamEvent.Ping p -> {}
      case StreamEvent.Error e -> throw new IllegalStateException("stream failed: " + e.error().message());
      case StreamEvent.Unknown u -> {}
    }
  }

  /** Whether {@code message_stop} has been seen. */
  public boolean complete() {
    return stopped;
  }

  /** The assembled message; only once the stream is complete. */
  public MessageResponse message() {
    check(stopped, "the stream has not ended");
    return new MessageResponse(start.id(), start.model(), List.copyOf(blocks), stopReason, stopSequence, usage);
  }

  private void appendDelta(Delta delta) {
    switch (delta) {
      case Delta.TextDelta t -> {
        check(open instanceof ContentBlock.Text, "text_delta for a " + open.type() + " block");
        openText.append(t.text());
      }
      case Delta.InputJsonDelta j -> {
        check(open instanceof ContentBlock.ToolUse, "input_json_delta for a " + open.type() + " block");
        openText.append(j.partialJson());
      }
      case Delta.ThinkingDelta t -> {
        check(open instanceof ContentBlock.Thinking, "thinking_delta for a " + open.type() + " block");
        openText.append(t.thinking());
      }
      case Delta.SignatureDelta s -> {
        check(open instanceof ContentBlock.Thinking, "signature_delta for a " + open.type() + " block");
        openSignature.append(s.signature());
      }
      case Delta.Unknown u -> {}
    }
  }

  private ContentBlock close() {
    return switch (open) {
      case ContentBlock.Text t -> new ContentBlock.Text(t.text() + openText, null, t.citations());
      case ContentBlock.ToolUse u -> new ContentBlock.ToolUse(u.id(), u.name(), toolInput(u));
      case ContentBlock.Thinking t ->
          new ContentBlock.Thinking(t.thinking() + openText, nullToEmpty(t.signature()) + openSignature);
      default -> open;
    };
  }

  private JsonNode toolInput(ContentBlock.ToolUse use) {
    if (openText.isEmpty()) {
      return use.input() == null ? Json.object() : use.input();
    }
    try {
      return Json.tree(openText.toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tool_use " + use.id() + " input is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private void begun() {
    check(start != null, "message_start must come first");
    check(!stopped, "event after message_stop");
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
