package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatResponseTranslatorTest {

  @Test
  void aTextReplyBecomesAChatCompletionWithJoinedContentAndUsage() {
    MessageResponse reply = new MessageResponse("msg_01abc", "qwen3",
        List.of(new ContentBlock.Text("Hello, "), new ContentBlock.Text("world.")),
        StopReason.END_TURN, null, new Usage(10, 5, 2, 30));

    // Compared as text: that checks the field order too, and a long "created" equals its digits.
    assertThat(Json.write(ChatResponseTranslator.toChatCompletion(reply, 1_700_000_000L)))
        .isEqualTo(Json.write(json("""
        {"id":"chatcmpl-01abc","object":"chat.completion","created":1700000000,"model":"qwen3",
         "choices":[{"index":0,
           "message":{"role":"assistant","content":"Hello, world."},
           "logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":42,"completion_tokens":5,"total_tokens":47,
           "prompt_tokens_details":{"cached_tokens":30}}}""")));
  }

  @Test
  void toolUsesBecomeToolCallsWithArgumentsAsAJsonStringAndNullContent() {
    MessageResponse reply = new MessageResponse("msg_02", "m",
        List.of(
            new ContentBlock.Thinking("Two cities, two calls.", "sig"),
            new ContentBlock.ToolUse("toolu_1", "get_weather", json("{\"city\":\"Paris\"}")),
            new ContentBlock.ToolUse("toolu_2", "get_weather", json("{\"city\":\"Oslo\"}"))),
        StopReason.TOOL_USE, null, Usage.of(20, 9));

    assertThat(ChatResponseTranslator.toChatCompletion(reply, 1L).get("choices")).isEqualTo(json("""
        [{"index":0,
          "message":{"role":"assistant","content":null,
            "reasoning_content":"Two cities, two calls.",
            "tool_calls":[
              {"id":"toolu_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
              {"id":"toolu_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
          "logprobs":null,"finish_reason":"tool_calls"}]"""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "END_TURN, stop",
    "STOP_SEQUENCE, stop",
    "PAUSE_TURN, stop",
    "MAX_TOKENS, length",
    "MODEL_CONTEXT_WINDOW_EXCEEDED, length",
    "TOOL_USE, tool_calls",
    "REFUSAL, content_filter"
  })
  void stopReasonsMapToFinishReasons(StopReason stopReason, String finishReason) {
    MessageResponse reply = new MessageResponse("msg_x", "m", List.of(), stopReason, null, null);

    assertThat(ChatResponseTranslator.toChatCompletion(reply).at("/choices/0/finish_reason").asText())
        .isEqualTo(finishReason);
  }

  @Test
  void aReplyWithoutUsageReportsZeros() {
    MessageResponse reply = new MessageResponse("msg_x", "m", List.of(), StopReason.END_TURN, null, null);

    assertThat(ChatResponseTranslator.toChatCompletion(reply, 0L).get("usage")).isEqualTo(json("""
        {"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,
         "prompt_tokens_details":{"cached_tokens":0}}"""));
  }
}
