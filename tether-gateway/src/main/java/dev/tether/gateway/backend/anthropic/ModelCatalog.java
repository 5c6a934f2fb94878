package dev.tether.gateway.backend.anthropic;

import dev.tether.api.error.ApiException;
import dev.tether.gateway.backend.BackendModel;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream's model list, cached: {@code /v1/models} is asked at most every {@link #TTL}, and after
 * a failure not again for {@link #RETRY_AFTER_FAILURE}, so a model picker never waits on a dead
 * upstream more than once in a while.
 */
final class ModelCatalog {
  private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);

  static final Duration TTL = Duration.ofMinutes(5);
  static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

  private final Supplier<List<BackendModel>> fetch;
  private List<BackendModel> models = List.of();
  private long validUntil = Long.MIN_VALUE;
  private boolean loaded;

  ModelCatalog(Supplier<List<BackendModel>> fetch) {
    this.fetch = fetch;
  }

  /** The cached list, refreshed when stale; the last good list (or none) when the upstream fails. */
  synchronized List<BackendModel> models() {
    long now = System.nanoTime();
    if (loaded && now - validUntil < 0) {
      return models;
    }
    try {
      models = fetch.get();
      validUntil = now + TTL.toNanos();
    } catch (ApiException e) {
      log.warn("could not list upstream models: {} ({})", e.getMessage(), e.type().wire());
      validUntil = now + RETRY_AFTER_FAILURE.toNanos();
    }
    loaded = true;
    return models;
  }
}
