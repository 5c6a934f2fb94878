package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.json.Json;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an upstream chat-completions stream with failover: connection failures, 5xx and 429 move on
 * to the next upstream after an exponential backoff, up to the configured retries. All of this
 * happens before any content reaches the client, so a retry can never duplicate output.
 */
final class UpstreamCaller {
  private static final Logger log = LoggerFactory.getLogger(UpstreamCaller.class);
  private static final long BACKOFF_BASE_MILLIS = 100;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** An upstream that answered 200: the event stream to read, and where it comes from. */
  record OpenStream(Upstream upstream, String model, InputStream body) {}

  private final OpenAiBackendConfig config;
  private final HttpClient http;
  private final UpstreamPool pool;

  UpstreamCaller(OpenAiBackendConfig config, HttpClient http, UpstreamPool pool) {
    this.config = config;
    this.http = http;
    this.pool = pool;
  }

  /**
   * Sends {@code body} (the model is filled in per upstream) and returns the first 200 answer.
   * {@code onSlow} runs once if an answer takes longer than the start delay.
   *
   * @throws ApiException when every attempt failed, or at once for a permanent (4xx) failure
   * @throws ClientGoneException when the request is cancelled meanwhile
   */
  OpenStream open(ObjectNode body, String requested, Runnable onSlow, Cancellation cancellation) {
    ApiException last = null;
    int start = pool.nextStart();
    boolean slowReported = false;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        backoff(attempt, cancellation);
      }
      Upstream upstream = pool.acquire(start, attempt);
      String model = pool.resolveModel(upstream, requested);
      ObjectNode attemptBody = body.deepCopy();
      attemptBody.put("model", model);
      CompletableFuture<HttpResponse<InputStream>> future =
          http.sendAsync(request(upstream, attemptBody), HttpResponse.BodyHandlers.ofInputStream());
      cancellation.onCancel(() -> future.cancel(true));
      HttpResponse<InputStream> response;
      try {
        response = await(future, slowReported ? null : onSlow);
        slowReported = true;
      } catch (CancellationException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        future.cancel(true);
        throw new ClientGoneException(e);
      } catch (RuntimeException e) {
        future.cancel(true); // onSlow failed (client gone): abandon the upstream request too
        throw e;
      } catch (ExecutionException e) {
        if (cancellation.isCancelled()) {
          throw new ClientGoneException(e.getCause());
        }
        upstream.breaker.failure();
        Throwable cause = e.getCause();
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
          // Waiting another full idle timeout elsewhere would only double the wait.
          throw UpstreamErrors.overloaded(
              "upstream " + upstream + " sent no answer within " + config.idleTimeout(), cause);
        }
        log.debug("upstream {} unreachable: {}", upstream, cause.toString());
        last = UpstreamErrors.overloaded(
            "cannot reach upstream " + upstream + " of backend " + config.name() + ": " + describe(cause), cause);
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        upstream.breaker.success();
        return new OpenStream(upstream, model, response.body());
      }
      String errorBody = readQuietly(response.body());
      String retryAfter = response.headers().firstValue("retry-after").orElse(null);
      ApiException error = UpstreamErrors.forStatus(upstream.toString(), status, errorBody, retryAfter);
      if (status >= 500) {
        upstream.breaker.failure();
      } else {
        upstream.breaker.success(); // it answered: alive, even if it refused
      }
      log.debug("upstream {} answered {}: {}", upstream, status, error.getMessage());
      if (!UpstreamErrors.retryable(status) || UpstreamErrors.mentionsContextOverflow(error.getMessage())) {
        throw error;
      }
      last = error;
    }
    throw last;
  }

  private HttpRequest request(Upstream upstream, ObjectNode body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(upstream.endpoint("/chat/completions"))
            .timeout(config.idleTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
    if (config.apiKey() != null) {
      builder.header("Authorization", "Bearer " + config.apiKey());
    }
    return builder.build();
  }

  /** Waits for the answer; after the start delay runs {@code onSlow} once and keeps waiting. */
  private HttpResponse<InputStream> await(
      CompletableFuture<HttpResponse<InputStream>> future, Runnable onSlow)
      throws ExecutionException, InterruptedException {
    if (onSlow != null) {
      try {
        return future.get(config.startDelay().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException slow) {
        onSlow.run();
      }
    }
    return future.get();
  }

  private static void backoff(int attempt, Cancellation cancellation) {
    long millis = BACKOFF_BASE_MILLIS << Math.min(attempt - 1, 6);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientGoneException(e);
    }
    if (cancellation.isCancelled()) {
      throw new ClientGoneException(null);
    }
  }

  private static String readQuietly(InputStream body) {
    try (body) {
      return new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String describe(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    return cause.getMessage() == null ? name : name + " (" + cause.getMessage() + ")";
  }
}
