package dev.tether.gateway.backend.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorDetail;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.ModelTraits;
import dev.tether.gateway.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code anthropic} backend: a pass-through to an Anthropic Messages API upstream. The client's
 * body (with {@code "stream": true} forced, since the gateway folds streams itself for non-streaming
 * clients), query string and headers go upstream unchanged, save hop-by-hop headers and, when a key
 * is configured, the credentials. Upstream events are relayed one by one as they arrive.
 *
 * <p>Failures before the first event become {@link ApiException}s with the upstream's own error type
 * and message; an unreachable upstream is {@code overloaded_error} (529), which Claude Code retries.
 * A mid-stream {@code error} event or a stream cut before {@code message_stop} is thrown after the
 * events already relayed.
 */
public final class AnthropicBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(AnthropicBackend.class);

  /** Largest error body read from the upstream; the message needs only the start. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** Largest count_tokens or models answer read. */
  private static final int MAX_JSON_BODY = 4 * 1024 * 1024;

  /** Fields of a Messages body that {@code count_tokens} does not take (it rejects extra fields). */
  private static final List<String> NOT_COUNTED =
      List.of("max_tokens", "stream", "metadata", "stop_sequences", "temperature", "top_p", "top_k", "service_tier");

  private static final ModelTraits TRAITS = new ModelTraits(200_000, true, true, 128);

  private final AnthropicBackendConfig config;
  private final String upstream;
  private final HttpClient client;
  private final ScheduledExecutorService timer;
  private final ModelCatalog catalog;

  /** A backend for {@code config}; it owns an HTTP client and one timer thread until {@link #close()}. */
  public AnthropicBackend(AnthropicBackendConfig config) {
    this.config = config;
    this.upstream = Redaction.url(config.baseUrl());
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            // Plain http is a local proxy or a test double: skip the h2c upgrade dance there.
            .version(
                "http".equals(config.baseUrl().getScheme())
                    ? HttpClient.Version.HTTP_1_1
                    : HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("anthropic-idle-" + config.name()).factory());
    this.catalog = new ModelCatalog(this::fetchModels);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public boolean passThrough() {
    return true;
  }

  @Override
  public void stream(BackendRequest request, EventSink sink) throws ApiException {
    ObjectNode body = request.raw().deepCopy();
    body.put("stream", true);
    HttpRequest httpRequest = post("/v1/messages", request, body);
    try (UpstreamExchange exchange = new UpstreamExchange(client, httpRequest)) {
      cancellationOf(request).onCancel(() -> exchange.abort(UpstreamExchange.Abort.CLIENT_GONE));
      HttpResponse<InputStream> response = awaitOk(exchange, httpRequest);
      String contentType = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
      if (!contentType.startsWith("text/event-stream")) {
        throw new ApiException(
            ErrorType.API, "upstream " + upstream + " answered " + contentType + " instead of an event stream");
      }
      try (IdleGuard idle =
          IdleGuard.start(timer, config.idleTimeout(), () -> exchange.abort(UpstreamExchange.Abort.IDLE))) {
        relay(new SseReader(idle.watch(response.body())), sink, exchange);
      }
    }
  }

  /** Passes upstream events to the sink until {@code message_stop}. */
  private void relay(SseReader reader, EventSink sink, UpstreamExchange exchange) {
    try {
      SseReader.Event sse;
      while ((sse = reader.next()) != null) {
        StreamEvent event = parse(sse.data());
        if (event instanceof StreamEvent.Error(ErrorDetail error)) {
          throw midStreamError(error);
        }
        sink.accept(event);
        if (event instanceof StreamEvent.MessageStop) {
          return;
        }
      }
    } catch (IOException e) {
      throw streamEnded(exchange.aborted(), e);
    }
    // An abort may surface as a plain end of stream rather than a failed read.
    throw streamEnded(exchange.aborted(), null);
  }

  /** What to throw when the stream ended early, by why it was aborted ({@code failure} may be null). */
  private RuntimeException streamEnded(UpstreamExchange.Abort aborted, IOException failure) {
    return switch (aborted) {
      case CLIENT_GONE -> new ClientGoneException(failure);
      case IDLE ->
          new ApiException(
              ErrorType.TIMEOUT,
              "upstream " + upstream + " sent nothing for " + config.idleTimeout().toSeconds() + " s",
              null,
              failure);
      case NONE ->
          failure == null
              ? new ApiException(ErrorType.API, "upstream stream was cut before message_stop")
              : new ApiException(
                  ErrorType.API, "upstream stream was cut: " + UpstreamErrors.describe(failure), null, failure);
    };
  }

  private static StreamEvent parse(String data) {
    try {
      return Json.read(data, StreamEvent.class);
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorType.API, "upstream sent a malformed event: " + e.getOriginalMessage(), null, e);
    }
  }

  private static ApiException midStreamError(ErrorDetail error) {
    if (error == null) {
      return new ApiException(ErrorType.API, "upstream sent an error event without details");
    }
    ErrorType type = error.type() == null ? ErrorType.API : error.type();
    return new ApiException(type, error.message() == null ? type.wire() : error.message());
  }

  @Override
  public int countTokens(BackendRequest request) throws ApiException {
    ObjectNode body = request.raw().deepCopy();
    body.remove(NOT_COUNTED);
    HttpRequest httpRequest = post("/v1/messages/count_tokens", request, body);
    JsonNode answer = exchangeJson(httpRequest, cancellationOf(request));
    JsonNode tokens = answer.path("input_tokens");
    if (!tokens.canConvertToInt()) {
      throw new ApiException(ErrorType.API, "upstream " + upstream + " count_tokens answer has no input_tokens");
    }
    return tokens.intValue();
  }

  @Override
  public List<BackendModel> models() {
    return config.hasApiKey() ? catalog.models() : List.of();
  }

  @Override
  public ModelTraits traits(String model) {
    return TRAITS;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    client.shutdownNow();
  }

  /** Pages through {@code GET /v1/models} with our own key. */
  private List<BackendModel> fetchModels() {
    List<BackendModel> models = new ArrayList<>();
    String after = null;
    // A bound on pages guards against an upstream that always says has_more.
    for (int page = 0; page < 20; page++) {
      String query =
          "limit=1000" + (after == null ? "" : "&after_id=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
      HttpRequest httpRequest =
          HttpRequest.newBuilder(URI.create(config.baseUrl() + "/v1/models?" + query))
              .timeout(config.idleTimeout())
              .header("anthropic-version", "2023-06-01")
              .header("x-api-key", config.apiKey())
              .GET()
              .build();
      JsonNode answer = exchangeJson(httpRequest, new Cancellation());
      for (JsonNode m : answer.path("data")) {
        String id = m.path("id").asText(null);
        if (id != null) {
          models.add(new BackendModel(id, m.path("display_name").asText(id), TRAITS.contextLength()));
        }
      }
      after = answer.path("last_id").asText(null);
      if (!answer.path("has_more").asBoolean(false) || after == null) {
        break;
      }
    }
    return List.copyOf(models);
  }

  private static Cancellation cancellationOf(BackendRequest request) {
    return request.cancellation() == null ? new Cancellation() : request.cancellation();
  }

  private HttpRequest post(String path, BackendRequest request, ObjectNode body) {
    String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(config.baseUrl() + path + query))
            // Bounds the wait for the status line; the stream itself is watched by IdleGuard.
            .timeout(config.idleTimeout())
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
    Map<String, List<String>> headers = request.headers() == null ? Map.of() : request.headers();
    ForwardedHeaders.copy(headers, config.apiKey(), builder);
    return builder.build();
  }

  /** Sends a request whose answer is one JSON document, mapping failures like {@link #stream}. */
  private JsonNode exchangeJson(HttpRequest httpRequest, Cancellation cancellation) {
    try (UpstreamExchange exchange = new UpstreamExchange(client, httpRequest)) {
      cancellation.onCancel(() -> exchange.abort(UpstreamExchange.Abort.CLIENT_GONE));
      HttpResponse<InputStream> response = awaitOk(exchange, httpRequest);
      try (InputStream in = response.body()) {
        return Json.MAPPER.readTree(in.readNBytes(MAX_JSON_BODY));
      } catch (IOException e) {
        if (exchange.aborted() == UpstreamExchange.Abort.CLIENT_GONE) {
          throw new ClientGoneException(e);
        }
        throw new ApiException(
            ErrorType.API,
            "upstream " + upstream + " sent an unreadable answer: " + UpstreamErrors.describe(e),
            null,
            e);
      }
    }
  }

  /** Waits for the answer; anything but 2xx, and any transport failure, is thrown as an ApiException. */
  private HttpResponse<InputStream> awaitOk(UpstreamExchange exchange, HttpRequest httpRequest) {
    String target = httpRequest.method() + " " + Redaction.url(httpRequest.uri());
    long started = System.nanoTime();
    HttpResponse<InputStream> response;
    try {
      response = exchange.await();
    } catch (IOException e) {
      if (exchange.aborted() == UpstreamExchange.Abort.CLIENT_GONE) {
        log.debug("{} -> abandoned, client gone", target);
        throw new ClientGoneException(e);
      }
      log.debug("{} -> failed: {}", target, UpstreamErrors.describe(e));
      throw UpstreamErrors.forTransport(e, upstream, config.idleTimeout());
    } catch (InterruptedException e) {
      exchange.abort(UpstreamExchange.Abort.CLIENT_GONE);
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorType.API, "interrupted while waiting for upstream " + upstream, null, e);
    }
    int status = response.statusCode();
    log.debug(
        "{} -> {} in {} ms (upstream request-id {})",
        target,
        status,
        (System.nanoTime() - started) / 1_000_000,
        response.headers().firstValue("request-id").orElse("-"));
    if (status / 100 == 2) {
      return response;
    }
    byte[] errorBody;
    try (InputStream in = response.body()) {
      errorBody = in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      errorBody = new byte[0];
    }
    throw UpstreamErrors.forStatus(status, response.headers(), errorBody);
  }
}
