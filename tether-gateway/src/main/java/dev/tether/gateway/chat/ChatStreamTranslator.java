package dev.tether.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.EventSink;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Anthropic stream events into OpenAI {@code chat.completion.chunk} SSE lines ({@code data:
 * {json}\n\n}), ending with {@code data: [DONE]\n\n}. Not thread-safe: one stream, one translator,
 * fed in order.
 */
public final class ChatStreamTranslator implements EventSink {
  private static final String DONE = "data: [DONE]\n\n";

  private final Consumer<String> out;
  private final boolean includeUsage;
  private final long created;
  private final Map<Integer, ToolCall> toolCallsByBlock = new HashMap<>();
  private String id;
  private String model;
  private Usage usage;
  private boolean finished;

  /** A tool call in progress: its ordinal among tool calls, and its input if no deltas carry it. */
  private static final class ToolCall {
    final int ordinal;
    final JsonNode startInput;
    boolean sawArguments;

    ToolCall(int ordinal, JsonNode startInput) {
      this.ordinal = ordinal;
      this.startInput = startInput;
    }
  }

  /**
   * @param out receives each SSE line, ready to write
   * @param includeUsage whether the client asked {@code stream_options.include_usage}
   * @param created the {@code created} time of every chunk, in Unix seconds
   */
  public ChatStreamTranslator(Consumer<String> out, boolean includeUsage, long created) {
    this.out = out;
    this.includeUsage = includeUsage;
    this.created = created;
  }

  /** A translator whose chunks are created now. */
  public ChatStreamTranslator(Consumer<String> out, boolean includeUsage) {
    this(out, includeUsage, Instant.now().getEpochSecond());
  }

  /** A translator for a chat completion request, reading its {@code stream_options.include_usage}. */
  public static ChatStreamTranslator forRequest(JsonNode chatBody, Consumer<String> out) {
    boolean includeUsage =
        chatBody != null && chatBody.path("stream_options").path("include_usage").asBoolean(false);
    return new ChatStreamTranslator(out, includeUsage);
  }

  @Override
  public void accept(StreamEvent event) {
    if (finished) {
      return;
    }
    switch (event) {
      case StreamEvent.MessageStart s -> start(s);
      case StreamEvent.ContentBlockStart s -> blockStart(s.index(), s.contentBlock());
      case StreamEvent.ContentBlockDelta d -> delta(d.index(), d.delta());
      case StreamEvent.ContentBlockStop s -> blockStop(s.index());
      case StreamEvent.MessageDelta d -> {
        usage = usage == null ? d.usage() : usage.merge(d.usage());
        emit(chunk(Json.object(), ChatWire.finishReason(d.delta().stopReason())));
      }
      case StreamEvent.MessageStop s -> stop();
      case StreamEvent.Error e -> error(e.error().type(), e.error().message());
      case StreamEvent.Ping p -> {}
      case StreamEvent.Unknown u -> {}
    }
  }

  /**
   * Writes an error in the OpenAI shape ({@code data: {"error":{…}}}) and ends the stream: OpenAI
   * SDKs raise on such a line, so no {@code [DONE]} follows and later events are dropped.
   */
  public void error(ApiException error) {
    error(error.type(), error.getMessage());
  }

  /** Whether the stream has ended, by {@code [DONE]} or by an error. */
  public boolean finished() {
    return finished;
  }

  private void error(ErrorType type, String message) {
    if (finished) {
      return;
    }
    finished = true;
    out.accept("data: " + Json.write(ChatErrors.body(type, message)) + "\n\n");
  }

  private void start(StreamEvent.MessageStart start) {
    id = ChatWire.completionId(start.message().id());
    model = start.message().model();
    usage = start.message().usage();
    ObjectNode delta = Json.object();
    delta.put("role", "assistant");
    delta.put("content", "");
    emit(chunk(delta, null));
  }

  private void blockStart(int index, ContentBlock block) {
    switch (block) {
      case ContentBlock.Text t -> text("content", t.text());
      case ContentBlock.Thinking t -> text("reasoning_content", t.thinking());
      case ContentBlock.ToolUse u -> {
        ToolCall call = new ToolCall(toolCallsByBlock.size(), u.input());
        toolCallsByBlock.put(index, call);
        // The first chunk of a call names it; the arguments follow in later chunks, as OpenAI does.
        ObjectNode header = Json.object();
        header.put("index", call.ordinal);
        header.put("id", u.id());
        header.put("type", "function");
        ObjectNode function = header.putObject("function");
        function.put("name", u.name());
        function.put("arguments", "");
        emitToolCall(header);
      }
      default -> {}
    }
  }

  private void delta(int index, Delta delta) {
    switch (delta) {
      case Delta.TextDelta t -> text("content", t.text());
      case Delta.ThinkingDelta t -> text("reasoning_content", t.thinking());
      case Delta.InputJsonDelta j -> {
        ToolCall call = toolCallsByBlock.get(index);
        if (call != null && j.partialJson() != null && !j.partialJson().isEmpty()) {
          call.sawArguments = true;
          arguments(call, j.partialJson());
        }
      }
      // Signatures and unknown deltas have no Chat Completions form.
      default -> {}
    }
  }

  /**
   * A tool use whose input came whole in its start event (no deltas) still owes the client its
   * arguments; sending them at the stop keeps the stream equal to the non-streaming reply.
   */
  private void blockStop(int index) {
    ToolCall call = toolCallsByBlock.get(index);
    if (call != null && !call.sawArguments) {
      arguments(call, call.startInput == null ? "{}" : Json.write(call.startInput));
    }
  }

  private void stop() {
    if (includeUsage) {
      ObjectNode chunk = base();
      chunk.putArray("choices");
      chunk.set("usage", ChatWire.usage(usage));
      emit(chunk);
    }
    finished = true;
    out.accept(DONE);
  }

  private void text(String field, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    ObjectNode delta = Json.object();
    delta.put(field, text);
    emit(chunk(delta, null));
  }

  private void arguments(ToolCall call, String fragment) {
    ObjectNode entry = Json.object();
    entry.put("index", call.ordinal);
    entry.putObject("function").put("arguments", fragment);
    emitToolCall(entry);
  }

  private void emitToolCall(ObjectNode entry) {
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(entry);
    emit(chunk(delta, null));
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = base();
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return chunk;
  }

  private ObjectNode base() {
    if (id == null) {
      // Only a backend that skipped message_start gets here; the client still needs an id.
      id = ChatWire.completionId(null);
    }
    ObjectNode chunk = Json.object();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  private void emit(ObjectNode chunk) {
    out.accept("data: " + Json.write(chunk) + "\n\n");
  }
}
