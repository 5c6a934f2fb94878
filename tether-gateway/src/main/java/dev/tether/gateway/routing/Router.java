package dev.tether.gateway.routing;

import dev.tether.api.error.ApiException;
import dev.tether.gateway.backend.Backend;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the backend for a model name: the first matching route wins; when none matches, the
 * default backend (the first one configured) takes the request, so any model name routes somewhere.
 */
public final class Router implements AutoCloseable {
  /** Where a request goes: the backend and the model name to ask it for. */
  public record Target(Backend backend, String model) {}

  private final Map<String, Backend> backends = new LinkedHashMap<>();
  private final List<Route> routes;

  /**
   * @param backends the backends by name; the first is the default
   * @param routes rules in priority order
   * @throws IllegalArgumentException when a route names an unknown backend or there is no backend
   */
  public Router(List<Backend> backends, List<Route> routes) {
    if (backends.isEmpty()) {
      throw new IllegalArgumentException("no backend configured: give --upstream URL or --anthropic");
    }
    for (Backend backend : backends) {
      if (this.backends.putIfAbsent(backend.name(), backend) != null) {
        throw new IllegalArgumentException("two backends are named " + backend.name());
      }
    }
    for (Route route : routes) {
      if (!this.backends.containsKey(route.backend())) {
        throw new IllegalArgumentException(
            "route " + route.glob() + " names backend '" + route.backend() + "', but the backends are " + this.backends.keySet());
      }
    }
    this.routes = List.copyOf(routes);
  }

  /** The target for a request's model name. */
  public Target resolve(String model) {
    if (model == null || model.isBlank()) {
      throw ApiException.invalidRequest("model: Field required");
    }
    for (Route route : routes) {
      if (route.matches(model)) {
        return new Target(backends.get(route.backend()), route.model() != null ? route.model() : model);
      }
    }
    return new Target(backends.values().iterator().next(), model);
  }

  /** Every backend, default first. */
  public Collection<Backend> backends() {
    return List.copyOf(backends.values());
  }

  /** The routes, in priority order. */
  public List<Route> routes() {
    return new ArrayList<>(routes);
  }

  @Override
  public void close() {
    for (Backend backend : backends.values()) {
      backend.close();
    }
  }
}
