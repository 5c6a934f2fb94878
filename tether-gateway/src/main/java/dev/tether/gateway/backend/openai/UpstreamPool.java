package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.gateway.backend.BackendModel;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstreams of one backend: round-robin choice among those whose breaker lets a request through,
 * a background health check that polls {@code GET {base}/models} (refreshing model names and context
 * lengths and feeding the breakers), and the model-name resolution that depends on those lists.
 */
final class UpstreamPool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);
  private static final Duration MODELS_TIMEOUT = Duration.ofSeconds(10);

  private final OpenAiBackendConfig config;
  private final HttpClient http;
  private final List<Upstream> upstreams;
  private final AtomicInteger next = new AtomicInteger();
  private final ScheduledExecutorService scheduler;

  UpstreamPool(OpenAiBackendConfig config, HttpClient http) {
    this.config = config;
    this.http = http;
    this.upstreams =
        config.baseUrls().stream()
            .map(url -> new Upstream(url, config.breakerThreshold(), config.breakerCooldown()))
            .toList();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tether-openai-" + config.name() + "-timer").factory());
    Duration interval = config.healthInterval();
    if (!interval.isZero() && !interval.isNegative()) {
      scheduler.scheduleWithFixedDelay(
          this::checkAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The scheduler for small timed jobs (health checks, idle watchdogs); daemon, stopped on close. */
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Where a request's round robin starts. */
  int nextStart() {
    return Math.floorMod(next.getAndIncrement(), upstreams.size());
  }

  /**
   * The upstream for attempt {@code attempt} of a request that started at {@code start}: the next one
   * in turn whose breaker lets the request through. When every breaker is open the request still goes
   * to the next one in turn: breakers route around failing upstreams, but with no healthy one left
   * a fast real error beats refusing (one hiccup of a single llama-server must not lock users out
   * for the whole cooldown).
   */
  Upstream acquire(int start, int attempt) {
    for (int i = 0; i < upstreams.size(); i++) {
      Upstream upstream = upstreams.get(Math.floorMod(start + attempt + i, upstreams.size()));
      if (upstream.breaker.tryAcquire()) {
        return upstream;
      }
    }
    return upstreams.get(Math.floorMod(start + attempt, upstreams.size()));
  }

  /**
   * The model name to send to {@code upstream} for the routed name {@code requested}: the name itself
   * when served, else without a {@code claude-} prefix when that is served, else the configured
   * default, else the first served model; unchanged when the model list is unknown.
   */
  String resolveModel(Upstream upstream, String requested) {
    List<BackendModel> models = modelsOf(upstream);
    if (models == null) {
      return requested;
    }
    if (models.stream().anyMatch(m -> m.id().equals(requested))) {
      return requested;
    }
    if (requested != null && requested.startsWith("claude-")) {
      String rest = requested.substring("claude-".length());
      if (models.stream().anyMatch(m -> m.id().equals(rest))) {
        return rest;
      }
    }
    if (config.defaultModel() != null) {
      return config.defaultModel();
    }
    return models.isEmpty() ? requested : models.getFirst().id();
  }

  /** Every model the upstreams report, first report of a name wins. */
  List<BackendModel> models() {
    Map<String, BackendModel> all = new LinkedHashMap<>();
    for (Upstream upstream : upstreams) {
      List<BackendModel> models = modelsOf(upstream);
      if (models != null) {
        models.forEach(m -> all.putIfAbsent(m.id(), m));
      }
    }
    return List.copyOf(all.values());
  }

  /** The context length an upstream reports for {@code model} (also via its resolved name), or 0. */
  int contextLength(String model) {
    for (Upstream upstream : upstreams) {
      List<BackendModel> models = modelsOf(upstream);
      if (models == null) {
        continue;
      }
      String resolved = resolveModel(upstream, model);
      for (BackendModel m : models) {
        if (m.id().equals(resolved) && m.contextLength() > 0) {
          return m.contextLength();
        }
      }
    }
    return 0;
  }

  /** The upstream's models, fetching them now when never fetched (at most once per interval). */
  private List<BackendModel> modelsOf(Upstream upstream) {
    List<BackendModel> models = upstream.models();
    if (models == null && upstream.claimModelFetch(retryGap())) {
      try {
        models = fetchModels(upstream);
        upstream.models(models);
      } catch (IOException | RuntimeException e) {
        log.debug("model list of {} unavailable: {}", upstream, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return models;
  }

  private Duration retryGap() {
    Duration interval = config.healthInterval();
    return interval.isZero() || interval.isNegative() ? Duration.ofSeconds(10) : interval;
  }

  /** One health round: every upstream's {@code /models}, feeding its breaker and model list. */
  private void checkAll() {
    for (Upstream upstream : upstreams) {
      try {
        upstream.models(fetchModels(upstream));
        upstream.breaker.success();
      } catch (IOException | RuntimeException e) {
        log.debug("health check of {} failed: {}", upstream, e.toString());
        upstream.breaker.failure();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<BackendModel> fetchModels(Upstream upstream) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(upstream.endpoint("/models")).timeout(MODELS_TIMEOUT).GET();
    if (config.apiKey() != null) {
      request.header("Authorization", "Bearer " + config.apiKey());
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500) {
      throw new IOException("GET /models answered " + response.statusCode());
    }
    if (response.statusCode() != 200) {
      // Alive but without a usable model list (some servers lack /models): healthy, list empty.
      log.debug("{} answered {} to GET /models", upstream, response.statusCode());
      return List.of();
    }
    return parseModels(Json.tree(response.body()));
  }

  /** Models from an OpenAI list, with context lengths where the server reports them. */
  static List<BackendModel> parseModels(JsonNode list) {
    List<BackendModel> models = new ArrayList<>();
    for (JsonNode entry : list.path("data")) {
      String id = entry.path("id").asText("");
      if (!id.isEmpty()) {
        models.add(new BackendModel(id, id, contextLength(entry)));
      }
    }
    return models;
  }

  private static int contextLength(JsonNode entry) {
    for (JsonNode candidate :
        List.of(
            entry.path("max_model_len"), // vLLM
            entry.path("meta").path("n_ctx_train"), // llama.cpp
            entry.path("context_length"), // LM Studio, OpenRouter, others
            entry.path("max_context_length"),
            entry.path("loaded_context_length"))) {
      if (candidate.canConvertToInt() && candidate.asInt() > 0) {
        return candidate.asInt();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
