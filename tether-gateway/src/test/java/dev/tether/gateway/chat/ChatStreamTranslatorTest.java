package dev.tether.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorDetail;
import dev.tether.api.error.ErrorType;
import dev.tether.api.stream.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatStreamTranslatorTest {

  private static final String HEAD =
      "data: {\"id\":\"chatcmpl-01\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
          + "\"model\":\"qwen3\",";

  private static String chunk(String delta) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":null}]}\n\n";
  }

  private static List<String> run(List<StreamEvent> events, boolean includeUsage) {
    List<String> lines = new ArrayList<>();
    ChatStreamTranslator translator = new ChatStreamTranslator(lines::add, includeUsage, 1_700_000_000L);
    events.forEach(translator::accept);
    return lines;
  }

  @Test
  void aStreamWithThinkingTextAndParallelToolCallsBecomesTheseExactChunks() {
    List<String> lines = run(StreamScripts.thinkingTextAndTwoToolCalls(), true);

    assertThat(lines).containsExactly(
        chunk("{\"role\":\"assistant\",\"content\":\"\"}"),
        chunk("{\"reasoning_content\":\"Two cities.\"}"),
        chunk("{\"content\":\"Checking \"}"),
        chunk("{\"content\":\"both.\"}"),
        chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_a\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\" \\\"Paris\\\"}\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_b\",\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
        chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]}"),
        HEAD + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}\n\n",
        HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":15,\"completion_tokens\":40,\"total_tokens\":55,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":3}}}\n\n",
        "data: [DONE]\n\n");
  }

  @Test
  void withoutIncludeUsageTheStreamEndsAtTheFinishChunkAndDone() {
    List<String> lines = run(StreamScripts.textCutShort(), false);

    assertThat(lines).hasSize(5);
    assertThat(lines.get(1)).contains("\"delta\":{\"content\":\"Once upon\"}");
    assertThat(lines.get(2)).contains("\"delta\":{\"content\":\" a time\"}");
    assertThat(lines.get(3)).contains("\"finish_reason\":\"length\"");
    assertThat(lines.get(4)).isEqualTo("data: [DONE]\n\n");
    assertThat(lines).noneMatch(line -> line.contains("\"usage\""));
  }

  @Test
  void aToolInputGivenWholeInItsStartEventIsSentAsOneArgumentsChunkAtTheStop() {
    List<String> lines = run(StreamScripts.toolInputInTheStartEvent(), false);

    assertThat(lines.get(1)).contains("\"id\":\"toolu_c\"", "\"arguments\":\"\"");
    assertThat(lines.get(2))
        .contains("{\"index\":0,\"function\":{\"arguments\":\"{\\\"path\\\":\\\"/tmp\\\"}\"}}");
  }

  @Test
  void theIncludeUsageOptionIsReadFromTheRequest() {
    List<String> lines = new ArrayList<>();
    ChatStreamTranslator translator = ChatStreamTranslator.forRequest(
        TestJson.json("{\"stream\":true,\"stream_options\":{\"include_usage\":true}}"), lines::add);
    StreamScripts.emptyReply().forEach(translator::accept);

    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":2,");
  }

  @Test
  void anErrorMidStreamIsWrittenInOpenAiShapeAndEndsTheStream() {
    List<String> lines = new ArrayList<>();
    ChatStreamTranslator translator = new ChatStreamTranslator(lines::add, false, 1L);
    List<StreamEvent> events = StreamScripts.textCutShort();
    translator.accept(events.get(0));
    translator.accept(events.get(1));
    translator.error(new ApiException(ErrorType.OVERLOADED, "backend overloaded"));
    events.subList(2, events.size()).forEach(translator::accept);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("data: {\"error\":{\"message\":\"backend overloaded\","
        + "\"type\":\"server_error\",\"param\":null,\"code\":\"overloaded\"}}\n\n");
    assertThat(translator.finished()).isTrue();
  }

  @Test
  void anErrorEventFromTheBackendIsWrittenTheSameWay() {
    List<String> lines = new ArrayList<>();
    ChatStreamTranslator translator = new ChatStreamTranslator(lines::add, false, 1L);
    translator.accept(StreamScripts.emptyReply().getFirst());
    translator.accept(new StreamEvent.Error(new ErrorDetail(ErrorType.RATE_LIMIT, "slow down")));

    assertThat(lines.getLast()).isEqualTo("data: {\"error\":{\"message\":\"slow down\","
        + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}\n\n");
  }
}
