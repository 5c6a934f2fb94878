package dev.tether.gateway.backend.openai;

import dev.tether.gateway.backend.blocks.BlockWriter;
import dev.tether.gateway.backend.blocks.StopSequences;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.engine.toolcall.Segment;
import dev.tether.engine.toolcall.ToolCallExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns OpenAI chat-completion chunks into Anthropic content blocks, stop reason and usage.
 *
 * <p>Content goes through the tool-call extractor (models that write calls as text) and then the
 * stop-sequence filter; {@code reasoning_content} becomes thinking; {@code tool_calls} become
 * tool_use blocks. Once structured tool calls have begun, later text and reasoning are held until the
 * end so that blocks never interleave.
 */
final class StreamTranslator {
  private final BlockWriter out;
  private final ToolCallStreams toolCalls;
  private final ToolCallExtractor extractor;
  private final StopSequences stops;
  private final List<Runnable> deferred = new ArrayList<>();
  private String finishReason;
  private String matchedStop;
  private int contentChunks;
  private Integer promptTokens;
  private Integer completionTokens;
  private Integer cachedTokens;

  StreamTranslator(BlockWriter out, ToolCallExtractor extractor, StopSequences stops) {
    this.out = out;
    this.toolCalls = new ToolCallStreams(out);
    this.extractor = extractor;
    this.stops = stops;
  }

  /**
   * Takes one parsed chunk. Returns true when generation must stop here (a stop sequence matched);
   * the caller then closes the upstream and calls {@link #finish}.
   */
  boolean chunk(JsonNode chunk) {
    if (chunk.hasNonNull("error")) {
      throw UpstreamErrors.inStream(chunk.get("error"));
    }
    usage(chunk);
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    boolean counted = false;
    for (String field : List.of("reasoning_content", "reasoning")) {
      String reasoning = delta.path(field).asText("");
      if (!reasoning.isEmpty()) {
        counted = true;
        emit(() -> out.thinking(reasoning));
        break; // servers that send both repeat the same text
      }
    }
    String content = delta.path("content").asText("");
    if (!content.isEmpty()) {
      counted = true;
      if (segments(extractor.feed(content))) {
        return true;
      }
    }
    JsonNode calls = delta.get("tool_calls");
    if (calls != null && calls.isArray() && !calls.isEmpty()) {
      counted = true;
      toolCalls.accept(calls);
    }
    if (counted) {
      contentChunks++;
    }
    if (choice.hasNonNull("finish_reason")) {
      finishReason = choice.get("finish_reason").asText();
    }
    return false;
  }

  /** Whether the upstream said why it stopped (the stream may then end without {@code [DONE]}). */
  boolean finished() {
    return finishReason != null;
  }

  /** Ends the reply: flushes held text, completes tool calls, closes the last block. */
  void finish() {
    // After a stop-sequence match, whatever the extractor still holds came after the stop: dropped.
    if (matchedStop == null && !segments(extractor.finish())) {
      String rest = stops.flush();
      if (!rest.isEmpty()) {
        emit(() -> out.text(rest));
      }
    }
    toolCalls.finish();
    deferred.forEach(Runnable::run);
    deferred.clear();
    out.close();
  }

  StopReason stopReason() {
    if (out.toolUsed()) {
      // Always: Claude Code runs tools only on tool_use, and some servers say "stop" with calls.
      return StopReason.TOOL_USE;
    }
    if (matchedStop != null) {
      return StopReason.STOP_SEQUENCE;
    }
    return switch (finishReason == null ? "stop" : finishReason) {
      case "length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.REFUSAL;
      default -> StopReason.END_TURN;
    };
  }

  /** The matched stop sequence, unless a tool call overrides it. */
  String stopSequence() {
    return out.toolUsed() ? null : matchedStop;
  }

  /**
   * The usage for {@code message_delta}: upstream counts when given (input excludes cached tokens,
   * as in the Anthropic API), else the number of content chunks as output.
   */
  Usage usage() {
    int output = completionTokens != null ? completionTokens : contentChunks;
    Integer cached = cachedTokens;
    Integer input = promptTokens == null ? null : Math.max(0, promptTokens - (cached == null ? 0 : cached));
    return new Usage(input, output, null, cached);
  }

  private boolean segments(List<Segment> segments) {
    for (Segment segment : segments) {
      switch (segment) {
        case Segment.Text text -> {
          StopSequences.Result result = stops.feed(text.text());
          if (!result.text().isEmpty()) {
            emit(() -> out.text(result.text()));
          }
          if (result.matched() != null) {
            matchedStop = result.matched();
            return true;
          }
        }
        case Segment.Reasoning reasoning -> emit(() -> out.thinking(reasoning.text()));
        case Segment.ToolCall call ->
            emit(() -> out.toolUse(
                "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24),
                call.name(),
                call.argumentsJson()));
      }
    }
    return false;
  }

  /** Runs a block write now, or after the tool calls if structured calls have begun. */
  private void emit(Runnable write) {
    if (toolCalls.started()) {
      deferred.add(write);
    } else {
      write.run();
    }
  }

  private void usage(JsonNode chunk) {
    JsonNode usage = chunk.path("usage");
    if (usage.isObject()) {
      if (usage.path("prompt_tokens").canConvertToInt() && usage.has("prompt_tokens")) {
        promptTokens = usage.get("prompt_tokens").asInt();
      }
      if (usage.has("completion_tokens")) {
        completionTokens = usage.get("completion_tokens").asInt();
      }
      JsonNode cached = usage.path("prompt_tokens_details").path("cached_tokens");
      if (cached.isNumber()) {
        cachedTokens = cached.asInt();
      }
    }
    JsonNode cacheN = chunk.path("timings").path("cache_n");
    if (cacheN.isNumber() && cachedTokens == null) {
      cachedTokens = cacheN.asInt(); // llama.cpp reports prompt-cache hits here
    }
  }
}
