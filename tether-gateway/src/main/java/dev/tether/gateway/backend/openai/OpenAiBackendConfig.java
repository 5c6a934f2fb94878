package dev.tether.gateway.backend.openai;

import dev.tether.engine.toolcall.ToolCallFormat;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one OpenAI-compatible backend.
 *
 * @param name the backend's name, used by routes
 * @param baseUrls the upstream servers, each an OpenAI base URL such as
 *     {@code http://localhost:11434/v1}; a URL with an empty path gets {@code /v1} appended
 * @param apiKey sent as {@code Authorization: Bearer}; null for none
 * @param defaultModel the upstream model used when the requested name is not served; null for none
 * @param contextLength context window override in tokens; 0 to use what the upstream reports
 * @param reasoning whether the model can think: then {@code reasoning_effort} is sent, else thinking
 *     settings are never forwarded
 * @param systemMessages what to do with system messages inside {@code messages}
 * @param toolCallFormats the textual tool-call conventions recovered from plain content
 * @param connectTimeout how long to wait for a TCP connection
 * @param idleTimeout the longest silence allowed while waiting for headers or between chunks
 * @param maxRetries how many other attempts (next upstream, backoff) follow a failed one
 * @param healthInterval how often each upstream's {@code /models} is polled; zero disables polling
 * @param breakerThreshold consecutive failures that open an upstream's circuit breaker
 * @param breakerCooldown how long an open breaker stays open before one trial request
 * @param startDelay how long to wait for the upstream's answer before sending {@code message_start}
 *     anyway, so that the gateway can keep the client alive with pings during a long prefill
 */
public record OpenAiBackendConfig(
    String name,
    List<URI> baseUrls,
    String apiKey,
    String defaultModel,
    int contextLength,
    boolean reasoning,
    SystemMessagePolicy systemMessages,
    Set<ToolCallFormat> toolCallFormats,
    Duration connectTimeout,
    Duration idleTimeout,
    int maxRetries,
    Duration healthInterval,
    int breakerThreshold,
    Duration breakerCooldown,
    Duration startDelay) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_RETRIES = 2;
  public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_BREAKER_THRESHOLD = 3;
  public static final Duration DEFAULT_BREAKER_COOLDOWN = Duration.ofSeconds(10);
  public static final Duration DEFAULT_START_DELAY = Duration.ofSeconds(2);

  public OpenAiBackendConfig {
    Objects.requireNonNull(name, "name");
    if (baseUrls == null || baseUrls.isEmpty()) {
      throw new IllegalArgumentException("backend " + name + " needs at least one base URL");
    }
    baseUrls = baseUrls.stream().map(OpenAiBackendConfig::normalise).toList();
    apiKey = blankToNull(apiKey);
    defaultModel = blankToNull(defaultModel);
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must be >= 0");
    }
    systemMessages = systemMessages == null ? SystemMessagePolicy.INLINE_AS_USER : systemMessages;
    toolCallFormats =
        toolCallFormats == null ? Set.copyOf(EnumSet.allOf(ToolCallFormat.class)) : Set.copyOf(toolCallFormats);
    connectTimeout = orDefault(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    idleTimeout = orDefault(idleTimeout, DEFAULT_IDLE_TIMEOUT);
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    healthInterval = healthInterval == null ? DEFAULT_HEALTH_INTERVAL : healthInterval;
    breakerThreshold = Math.max(1, breakerThreshold);
    breakerCooldown = orDefault(breakerCooldown, DEFAULT_BREAKER_COOLDOWN);
    startDelay = orDefault(startDelay, DEFAULT_START_DELAY);
  }

  /** A backend with every default: no key, no default model, no reasoning, all tool-call formats. */
  public static OpenAiBackendConfig of(String name, List<String> baseUrls) {
    return new OpenAiBackendConfig(
        name,
        baseUrls.stream().map(URI::create).toList(),
        null,
        null,
        0,
        false,
        SystemMessagePolicy.INLINE_AS_USER,
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_RETRIES,
        DEFAULT_HEALTH_INTERVAL,
        DEFAULT_BREAKER_THRESHOLD,
        DEFAULT_BREAKER_COOLDOWN,
        DEFAULT_START_DELAY);
  }

  /** This config with an API key. */
  public OpenAiBackendConfig withApiKey(String key) {
    return new OpenAiBackendConfig(name, baseUrls, key, defaultModel, contextLength, reasoning,
        systemMessages, toolCallFormats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config with a default upstream model. */
  public OpenAiBackendConfig withDefaultModel(String model) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, model, contextLength, reasoning,
        systemMessages, toolCallFormats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config with a context-length override (0 = ask the upstream). */
  public OpenAiBackendConfig withContextLength(int tokens) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, tokens, reasoning,
        systemMessages, toolCallFormats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config for a model that can (or cannot) think. */
  public OpenAiBackendConfig withReasoning(boolean canThink) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, contextLength, canThink,
        systemMessages, toolCallFormats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config with another system-message policy. */
  public OpenAiBackendConfig withSystemMessages(SystemMessagePolicy policy) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, contextLength, reasoning,
        policy, toolCallFormats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config recognising only these textual tool-call formats. */
  public OpenAiBackendConfig withToolCallFormats(Set<ToolCallFormat> formats) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, contextLength, reasoning,
        systemMessages, formats, connectTimeout, idleTimeout, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, startDelay);
  }

  /** This config with other timeouts. */
  public OpenAiBackendConfig withTimeouts(Duration connect, Duration idle, Duration start) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, contextLength, reasoning,
        systemMessages, toolCallFormats, connect, idle, maxRetries, healthInterval,
        breakerThreshold, breakerCooldown, start);
  }

  /** This config with other retry, health-check and circuit-breaker settings. */
  public OpenAiBackendConfig withResilience(
      int retries, Duration health, int threshold, Duration cooldown) {
    return new OpenAiBackendConfig(name, baseUrls, apiKey, defaultModel, contextLength, reasoning,
        systemMessages, toolCallFormats, connectTimeout, idleTimeout, retries, health, threshold,
        cooldown, startDelay);
  }

  /** Never shows the API key: configs end up in logs. */
  @Override
  public String toString() {
    return "OpenAiBackendConfig[name=" + name + ", baseUrls=" + baseUrls + ", apiKey="
        + (apiKey == null ? "none" : "***") + ", defaultModel=" + defaultModel
        + ", contextLength=" + contextLength + ", reasoning=" + reasoning + ", systemMessages="
        + systemMessages + ", toolCallFormats=" + toolCallFormats + ", connectTimeout="
        + connectTimeout + ", idleTimeout=" + idleTimeout + ", maxRetries=" + maxRetries
        + ", healthInterval=" + healthInterval + ", breakerThreshold=" + breakerThreshold
        + ", breakerCooldown=" + breakerCooldown + ", startDelay=" + startDelay + "]";
  }

  private static URI normalise(URI url) {
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI trimmed = URI.create(text);
    if (trimmed.getScheme() == null || trimmed.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) base URL: " + url);
    }
    String path = trimmed.getRawPath();
    return path == null || path.isEmpty() ? URI.create(text + "/v1") : trimmed;
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null || value.isNegative() || value.isZero() ? fallback : value;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
