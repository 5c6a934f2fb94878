package dev.tether.gateway.backend.openai;

import dev.tether.gateway.backend.blocks.BlockWriter;
import dev.tether.gateway.backend.blocks.StopSequences;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.StreamEvent;
import dev.tether.engine.toolcall.ToolCallExtractor;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.ModelTraits;
import dev.tether.gateway.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that talks to OpenAI-compatible servers ({@code /v1/chat/completions}): llama.cpp,
 * vLLM, SGLang, Ollama, LM Studio and others. Requests are translated from Anthropic form, replies
 * streamed back as Anthropic events; several upstream URLs form a pool with failover.
 *
 * <p>Upstream streams are always requested, also for non-streaming clients: the gateway folds the
 * events into one message.
 */
public final class OpenAiBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(OpenAiBackend.class);
  private static final int MAX_TOOL_NAME = 64;

  private final OpenAiBackendConfig config;
  private final ToIntFunction<MessagesRequest> inputTokenEstimate;
  private final HttpClient http;
  private final UpstreamPool pool;
  private final UpstreamCaller caller;
  private final RequestTranslator translator;

  /**
   * @param config the upstreams and policies
   * @param inputTokenEstimate counts a request's input tokens (this backend has no tokenizer); used
   *     for {@code message_start} and {@code count_tokens}
   */
  public OpenAiBackend(OpenAiBackendConfig config, ToIntFunction<MessagesRequest> inputTokenEstimate) {
    this.config = config;
    this.inputTokenEstimate = inputTokenEstimate;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // local servers speak plain HTTP/1.1; no h2c upgrade
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.pool = new UpstreamPool(config, http);
    this.caller = new UpstreamCaller(config, http, pool);
    this.translator = new RequestTranslator(config.systemMessages(), config.reasoning());
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public void stream(BackendRequest request, EventSink sink) throws ApiException {
    MessagesRequest messages = request.messages();
    ObjectNode body = translator.translate(messages);
    Start start = new Start(request, sink,
        request.inputTokens() > 0 ? request.inputTokens() : inputTokenEstimate.applyAsInt(messages));
    UpstreamCaller.OpenStream open =
        caller.open(body, messages.model(), start::emit, request.cancellation());
    log.debug("request {} streams from {} as model {}", request.requestId(), open.upstream(), open.model());
    try (InputStream in = open.body()) {
      start.emit();
      relay(request, messages, in, sink);
    } catch (IOException closeFailed) {
      log.debug("closing the upstream stream failed: {}", closeFailed.toString());
    }
  }

  /** Reads the upstream stream to its end (or a stop sequence) and writes the Anthropic events. */
  private void relay(BackendRequest request, MessagesRequest messages, InputStream in, EventSink sink) {
    Set<String> toolNames =
        messages.tools().stream().filter(Tool::isClientTool).map(Tool::name).collect(Collectors.toSet());
    BlockWriter blocks = new BlockWriter(sink);
    StreamTranslator translation =
        new StreamTranslator(
            blocks,
            new ToolCallExtractor(config.toolCallFormats(), toolNames),
            new StopSequences(messages.stopSequences()));
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    AtomicBoolean idle = new AtomicBoolean();
    request.cancellation().onCancel(() -> closeQuietly(in));
    ScheduledFuture<?> watchdog = watchIdle(in, lastActivity, idle);
    boolean done = false;
    try (SseReader reader = new SseReader(in)) {
      SseReader.Event event;
      while ((event = reader.next()) != null) {
        lastActivity.set(System.nanoTime());
        String data = event.data().strip();
        if (data.equals("[DONE]")) {
          done = true;
          break;
        }
        if (data.isEmpty()) {
          continue;
        }
        JsonNode chunk;
        try {
          chunk = Json.tree(data);
        } catch (JsonProcessingException e) {
          log.debug("skipping an unreadable upstream chunk: {}", e.getOriginalMessage());
          continue;
        }
        if (translation.chunk(chunk)) {
          done = true; // a stop sequence matched: the rest of the upstream's output is unwanted
          break;
        }
      }
    } catch (IOException e) {
      if (request.cancellation().isCancelled()) {
        throw new ClientGoneException(e);
      }
      if (idle.get()) {
        throw UpstreamErrors.overloaded(
            "upstream sent nothing for " + config.idleTimeout() + "; the reply was abandoned", e);
      }
      throw new ApiException(ErrorType.API, "the upstream stream broke: " + e.getMessage(), null, e);
    } finally {
      watchdog.cancel(false);
    }
    if (request.cancellation().isCancelled()) {
      throw new ClientGoneException(null);
    }
    if (idle.get()) {
      throw UpstreamErrors.overloaded(
          "upstream sent nothing for " + config.idleTimeout() + "; the reply was abandoned", null);
    }
    if (!done && !translation.finished()) {
      throw new ApiException(
          ErrorType.API, "the upstream closed the stream before the reply was complete", null, null);
    }
    translation.finish();
    sink.accept(
        new StreamEvent.MessageDelta(translation.stopReason(), translation.stopSequence(), translation.usage()));
    sink.accept(new StreamEvent.MessageStop());
  }

  /** Closes the upstream stream when it stays silent longer than the idle timeout. */
  private ScheduledFuture<?> watchIdle(InputStream in, AtomicLong lastActivity, AtomicBoolean idle) {
    long limit = config.idleTimeout().toNanos();
    long period = Math.max(10, Math.min(config.idleTimeout().toMillis() / 4, 1000));
    return pool.scheduler()
        .scheduleAtFixedRate(
            () -> {
              if (System.nanoTime() - lastActivity.get() > limit && idle.compareAndSet(false, true)) {
                closeQuietly(in);
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing the upstream stream: {}", e.toString());
    }
  }

  @Override
  public int countTokens(BackendRequest request) {
    return inputTokenEstimate.applyAsInt(request.messages());
  }

  @Override
  public List<BackendModel> models() {
    return pool.models();
  }

  @Override
  public ModelTraits traits(String model) {
    int context = config.contextLength() > 0 ? config.contextLength() : pool.contextLength(model);
    return new ModelTraits(context, config.reasoning(), false, MAX_TOOL_NAME);
  }

  /** Stops the health checks and the HTTP client. */
  @Override
  public void close() {
    pool.close();
    http.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiBackend[" + config.name() + " " + config.baseUrls() + "]";
  }

  /** Sends {@code message_start} once: when the upstream answers, or earlier if it is slow. */
  private static final class Start {
    private final BackendRequest request;
    private final EventSink sink;
    private final int inputTokens;
    private boolean sent;

    Start(BackendRequest request, EventSink sink, int inputTokens) {
      this.request = request;
      this.sink = sink;
      this.inputTokens = inputTokens;
    }

    void emit() {
      if (sent) {
        return;
      }
      sent = true;
      sink.accept(
          new StreamEvent.MessageStart(
              MessageResponse.started(
                  request.messageId(), clientModel(request), new Usage(inputTokens, 0, 0, 0))));
    }

    /** The model name as the client sent it (the routed name may differ). */
    private static String clientModel(BackendRequest request) {
      JsonNode raw = request.raw() == null ? null : request.raw().get("model");
      return raw != null && raw.isTextual() ? raw.asText() : request.messages().model();
    }
  }
}
