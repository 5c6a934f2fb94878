package dev.tether.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.CountTokensResponse;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.service.GatewayService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the gateway's routes: {@code POST /v1/messages} (streaming and not; {@code ?beta=true} is
 * ignored), {@code POST /v1/messages/count_tokens}, {@code GET /v1/models[/{id}]}, {@code HEAD /},
 * {@code GET /health}. Every response carries {@code request-id}; every failure is an Anthropic
 * error body with its status.
 */
public final class GatewayHttp {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHttp.class);
  static final String REQUEST_ID = "tether.requestId";

  private final GatewayService service;
  final HttpOptions options;
  final ScheduledExecutorService pinger =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sse-ping").factory());

  private GatewayHttp(GatewayService service, HttpOptions options) {
    this.service = service;
    this.options = options;
  }

  /** Installs the gateway routes on {@code app}. */
  public static void install(Javalin app, GatewayService service, HttpOptions options) {
    GatewayHttp http = new GatewayHttp(service, options);
    app.before(ctx -> {
      String id = RequestIds.next();
      ctx.attribute(REQUEST_ID, id);
      ctx.header("request-id", id);
    });
    app.head("/", ctx -> ctx.status(200));
    app.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
    app.post("/v1/messages", http.guarded(http::messages));
    app.post("/v1/messages/count_tokens", http.guarded(http::countTokens));
    app.post("/v1/chat/completions", ctx -> new ChatCompletionsHttp(http, service).handle(ctx));
    app.get("/v1/models", http.guarded(ctx -> ctx.contentType("application/json").result(Json.write(service.models()))));
    app.get("/v1/models/{id}", http.guarded(ctx -> {
      String id = ctx.pathParam("id");
      var model = service.model(id).orElseThrow(() -> ApiException.notFound("model: " + id + " is not served here"));
      ctx.contentType("application/json").result(Json.write(model));
    }));
    app.error(404, ctx -> {
      if (ctx.path().startsWith("/v1/") && !isAnthropicError(ctx)) {
        writeError(ctx, ApiException.notFound("Not found: " + ctx.method() + " " + ctx.path()));
      }
    });
    app.events(events -> events.serverStopping(http.pinger::shutdownNow));
  }

  private static boolean isAnthropicError(Context ctx) {
    String result = ctx.result();
    return result != null && result.startsWith("{\"type\":\"error\"");
  }

  /** The request's id, set by the before-handler. */
  static String id(Context ctx) {
    return requestId(ctx);
  }

  /** Wraps a handler with auth and the mapping of every failure to an Anthropic error. */
  private Handler guarded(Handler handler) {
    return ctx -> {
      try {
        authenticate(ctx);
        handler.handle(ctx);
      } catch (ApiException e) {
        writeError(ctx, e);
      } catch (ClientGoneException e) {
        LOG.debug("client went away: {} {}", ctx.method(), ctx.path());
      } catch (RuntimeException e) {
        LOG.warn("internal error on {} {}", ctx.method(), ctx.path(), e);
        writeError(ctx, new ApiException(ErrorType.API, "internal error: " + e.getClass().getSimpleName()));
      }
    };
  }

  void authenticate(Context ctx) {
    if (options.token() == null) {
      return;
    }
    String presented = ctx.header("x-api-key");
    String authorization = ctx.header("Authorization");
    if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).trim();
    }
    if (presented == null) {
      throw new ApiException(ErrorType.AUTHENTICATION, "missing credentials: send the Tether token as x-api-key or Authorization: Bearer");
    }
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    boolean agent = options.agentToken() != null
        && MessageDigest.isEqual(bytes, options.agentToken().getBytes(StandardCharsets.UTF_8));
    if (!agent && !MessageDigest.isEqual(bytes, options.token().getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(ErrorType.AUTHENTICATION, "invalid x-api-key");
    }
  }

  private void messages(Context ctx) {
    long started = System.nanoTime();
    Cancellation cancellation = new Cancellation();
    GatewayService.Prepared prepared =
        service.prepare(requestId(ctx), body(ctx), headers(ctx), ctx.queryString(), cancellation, false);
    boolean stream = prepared.request().messages().streaming();
    if (stream) {
      streamReply(ctx, prepared, cancellation);
    } else {
      MessageAssembler assembler = new MessageAssembler();
      service.stream(prepared, assembler::accept);
      if (!assembler.complete()) {
        throw new ApiException(ErrorType.API, "the backend ended the reply early");
      }
      ctx.contentType("application/json").result(Json.write(assembler.message()));
    }
    LOG.debug("POST /v1/messages model={} backend={} stream={} {} ms", prepared.clientModel(),
        prepared.backend().name(), stream, (System.nanoTime() - started) / 1_000_000);
  }

  private void streamReply(Context ctx, GatewayService.Prepared prepared, Cancellation cancellation) {
    try (SseStream sse = new SseStream(ctx.res(), cancellation, pinger, options.pingInterval(), SseStream.ANTHROPIC_PING)) {
      try {
        service.stream(prepared, sse);
      } catch (ApiException e) {
        if (!sse.started()) {
          throw e;
        }
        LOG.warn("stream failed after it began: {} {}", e.type().wire(), e.getMessage());
        sse.fail(e);
      } catch (ClientGoneException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!sse.started()) {
          throw e;
        }
        LOG.warn("stream failed after it began", e);
        sse.fail(new ApiException(ErrorType.API, "internal error: " + e.getClass().getSimpleName()));
      } finally {
        cancellation.cancel();
      }
    }
  }

  private void countTokens(Context ctx) {
    GatewayService.Prepared prepared =
        service.prepare(requestId(ctx), body(ctx), headers(ctx), ctx.queryString(), new Cancellation(), true);
    ctx.contentType("application/json").result(Json.write(new CountTokensResponse(service.countTokens(prepared))));
  }

  JsonNode body(Context ctx) {
    long length = ctx.contentLength();
    if (length > options.maxBodyBytes()) {
      throw new ApiException(ErrorType.REQUEST_TOO_LARGE,
          "request body of " + length + " bytes exceeds the limit of " + options.maxBodyBytes() + " bytes");
    }
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > options.maxBodyBytes()) {
      throw new ApiException(ErrorType.REQUEST_TOO_LARGE,
          "request body exceeds the limit of " + options.maxBodyBytes() + " bytes");
    }
    if (bytes.length == 0) {
      throw ApiException.invalidRequest("request body is empty; expected a JSON object");
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidRequest("request body is not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (java.io.IOException e) {
      throw ApiException.invalidRequest("request body could not be read: " + e.getMessage());
    }
  }

  static Map<String, List<String>> headers(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(Collections.list(ctx.req().getHeaders(name))));
    }
    return headers;
  }

  private static String requestId(Context ctx) {
    String id = ctx.attribute(REQUEST_ID);
    return id != null ? id : RequestIds.next();
  }

  /** Writes an Anthropic error body with its status and, when known, {@code retry-after}. */
  static void writeError(Context ctx, ApiException e) {
    ctx.status(e.type().status());
    setRetryAfter(ctx, e);
    ctx.contentType("application/json").result(Json.write(e.toResponse(requestId(ctx))));
  }

  /** Sets {@code retry-after} (whole seconds, at least 1) when the error says how long to wait. */
  static void setRetryAfter(Context ctx, ApiException e) {
    if (e.retryAfter() != null) {
      ctx.header("retry-after", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
    }
  }
}
