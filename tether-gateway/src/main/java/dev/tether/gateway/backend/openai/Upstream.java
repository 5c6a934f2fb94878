package dev.tether.gateway.backend.openai;

import dev.tether.gateway.backend.BackendModel;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One upstream server of a backend: its base URL, circuit breaker, and the models it last reported
 * (null until a {@code /models} call has succeeded).
 */
final class Upstream {
  final URI base;
  final CircuitBreaker breaker;
  private volatile List<BackendModel> models;
  private volatile long lastModelFetch = Long.MIN_VALUE;

  Upstream(URI base, int breakerThreshold, Duration breakerCooldown) {
    this.base = base;
    this.breaker = new CircuitBreaker(breakerThreshold, breakerCooldown);
  }

  URI endpoint(String path) {
    return URI.create(base + path);
  }

  /** The models last reported, or null when unknown. */
  List<BackendModel> models() {
    return models;
  }

  void models(List<BackendModel> newModels) {
    models = List.copyOf(newModels);
  }

  /** Records a model-list attempt; returns false when one was made less than {@code gap} ago. */
  boolean claimModelFetch(Duration gap) {
    long now = System.nanoTime();
    synchronized (this) {
      if (lastModelFetch != Long.MIN_VALUE && now - lastModelFetch < gap.toNanos()) {
        return false;
      }
      lastModelFetch = now;
      return true;
    }
  }

  @Override
  public String toString() {
    return base.toString();
  }
}
