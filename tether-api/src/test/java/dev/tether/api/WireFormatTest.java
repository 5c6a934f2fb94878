package dev.tether.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.ToolChoice;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.Sse;
import dev.tether.api.stream.StreamEvent;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  @Test
  void streamEventsHaveTheExactWireForm() {
    assertThat(Sse.format(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", new Usage(10, 0, 0, 3)))))
        .isEqualTo("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":10,\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":3}}}\n\n");
    assertThat(Json.write(new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("toolu_1", "Bash", Json.object()))))
        .isEqualTo("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}}");
    assertThat(Json.write(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta("{\"a\""))))
        .isEqualTo("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\"\"}}");
    assertThat(Json.write(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(null, 5, null, null))))
        .isEqualTo("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":5}}");
  }

  @Test
  void eventsReadBackToTheSameValues() throws Exception {
    var event = new StreamEvent.ContentBlockDelta(2, new Delta.ThinkingDelta("hmm"));
    assertThat(Json.read(Json.write(event), StreamEvent.class)).isEqualTo(event);
    assertThat(Json.read("{\"type\":\"brand_new_event\",\"x\":1}", StreamEvent.class))
        .isInstanceOfSatisfying(StreamEvent.Unknown.class, u -> assertThat(u.raw().get("x").asInt()).isEqualTo(1));
  }

  @Test
  void contentMayBeAStringOrBlocksAndUnknownBlocksSurviveVerbatim() throws Exception {
    MessagesRequest request = Json.read("""
        {"model":"m","max_tokens":5,"system":"Be brief.","messages":[
          {"role":"user","content":"hi"},
          {"role":"assistant","content":[{"type":"server_tool_use","id":"s1","name":"web_search","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"out"}]}],
         "tool_choice":{"type":"any","disable_parallel_tool_use":true},"future_field":{"a":1}}""", MessagesRequest.class);
    assertThat(request.systemText()).isEqualTo("Be brief.");
    assertThat(request.messages().getFirst().content()).containsExactly(new ContentBlock.Text("hi"));
    ContentBlock unknown = request.messages().get(1).content().getFirst();
    assertThat(Json.write(unknown)).isEqualTo("{\"type\":\"server_tool_use\",\"id\":\"s1\",\"name\":\"web_search\",\"input\":{}}");
    assertThat(((ContentBlock.ToolResult) request.messages().get(2).content().getFirst()).content())
        .containsExactly(new ContentBlock.Text("out"));
    assertThat(request.toolChoice()).isEqualTo(new ToolChoice.Any(true));
  }

  @Test
  void badRolesAndContentAreRejected() {
    assertThatThrownBy(() -> Json.read("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", MessagesRequest.class))
        .hasMessageContaining("role must be one of user, assistant, system");
    assertThatThrownBy(() -> Json.read("{\"messages\":[{\"role\":\"user\",\"content\":5}]}", MessagesRequest.class))
        .isInstanceOf(MismatchedInputException.class).hasMessageContaining("content must be a string or an array");
    assertThat(Role.of("system")).isEqualTo(Role.SYSTEM);
  }

  @Test
  void theAssemblerFoldsAStreamAndRejectsBrokenLifecycles() {
    MessageAssembler ok = new MessageAssembler();
    ok.accept(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", Usage.of(3, 0))));
    ok.accept(new StreamEvent.Ping());
    ok.accept(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
    ok.accept(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("Hel")));
    ok.accept(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta("lo")));
    ok.accept(new StreamEvent.ContentBlockStop(0));
    ok.accept(new StreamEvent.ContentBlockStart(1, new ContentBlock.ToolUse("t", "Bash", Json.object())));
    ok.accept(new StreamEvent.ContentBlockDelta(1, new Delta.InputJsonDelta("{\"command\":")));
    ok.accept(new StreamEvent.ContentBlockDelta(1, new Delta.InputJsonDelta("\"ls\"}")));
    ok.accept(new StreamEvent.ContentBlockStop(1));
    ok.accept(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(null, 9, null, null)));
    ok.accept(new StreamEvent.MessageStop());
    MessageResponse message = ok.message();
    assertThat(message.content().getFirst()).isEqualTo(new ContentBlock.Text("Hello"));
    assertThat(((ContentBlock.ToolUse) message.content().get(1)).input().get("command").asText()).isEqualTo("ls");
    assertThat(message.usage()).isEqualTo(new Usage(3, 9, 0, 0));

    MessageAssembler skipped = new MessageAssembler();
    skipped.accept(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", Usage.of(3, 0))));
    assertThatThrownBy(() -> skipped.accept(new StreamEvent.ContentBlockStart(1, new ContentBlock.Text(""))))
        .hasMessageContaining("index 1, expected 0");
    MessageAssembler wrongKind = new MessageAssembler();
    wrongKind.accept(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", Usage.of(3, 0))));
    wrongKind.accept(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
    assertThatThrownBy(() -> wrongKind.accept(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta("{"))))
        .hasMessageContaining("input_json_delta for a text block");
    assertThatThrownBy(() -> new MessageAssembler().accept(new StreamEvent.MessageStop())).hasMessageContaining("message_start must come first");
  }
}
