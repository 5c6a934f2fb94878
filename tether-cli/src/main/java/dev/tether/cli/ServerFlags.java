package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.cli.config.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags {@code tether} and {@code tether serve} share. Those that are also configuration keys
 * have no default here, so that only a flag actually given wins over the files and environment.
 */
final class ServerFlags {
  @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1). Other than loopback needs --token.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default 8787; 0 picks a free one).")
  String port;

  @Option(names = "--upstream", paramLabel = "URL", description = "OpenAI-compatible server base URL (llama-server, Ollama, LM Studio, vLLM, SGLang, mlx-lm), e.g. http://localhost:11434/v1: a backend named 'openai' in front of the configured ones. Repeat for failover.")
  List<URI> upstreams = new ArrayList<>();

  @Option(names = "--upstream-key", paramLabel = "KEY", description = "API key sent to the --upstream server (default: $TETHER_UPSTREAM_KEY).")
  String upstreamKey = System.getenv("TETHER_UPSTREAM_KEY");

  @Option(names = {"--model", "-m"}, paramLabel = "MODEL", description = "The model: a name from `tether models`, a .gguf file, or an upstream model name (e.g. qwen2.5-coder:7b).")
  String model;

  @Option(names = "--context-length", paramLabel = "TOKENS", description = "Context window of the --upstream model when it does not report one, e.g. 32k.")
  String contextLength;

  @Option(names = "--max-context", paramLabel = "TOKENS", description = "Cap on the context used, whatever the model supports (default 64k).")
  String maxContext;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for an in-process model (default: one per core).")
  String threads;

  @Option(names = "--memory-cap", paramLabel = "SIZE", description = "Refuse to load a .gguf model whose weights and KV cache exceed SIZE, e.g. 18GB or 20GiB.")
  String memoryCap;

  @Option(names = "--kv-slots", paramLabel = "N", description = "KV slots kept as a prefix cache for an in-process model (default 4).")
  String kvSlots;

  @Option(names = "--queue-depth", paramLabel = "N", description = "Requests that may wait for an in-process model; more get 429 (default 8).")
  String queueDepth;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where saved prompt prefixes live (default $TETHER_HOME/cache).")
  String cacheDir;

  @Option(names = "--disk-cache", paramLabel = "SIZE", description = "Size cap of the saved prefixes (default 4GiB; 0 saves none).")
  String diskCache;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Where your own .gguf files live (default $TETHER_HOME/models).")
  String modelsDir;

  @Option(names = "--reasoning", description = "The --upstream model can think: forward thinking requests as reasoning_effort.")
  boolean reasoning;

  @Option(names = "--anthropic", arity = "0..1", fallbackValue = "https://api.anthropic.com", paramLabel = "URL", description = "Add the pass-through backend 'anthropic' (the real API, or any Anthropic-compatible server).")
  URI anthropic;

  @Option(names = "--route", paramLabel = "GLOB=BACKEND[:MODEL]", description = "Route model names matching GLOB to a backend, optionally asking it for MODEL. First match wins; unmatched names go to the first backend. Replaces the configured rules.")
  List<String> routes = new ArrayList<>();

  @Option(names = "--token", paramLabel = "TOKEN", description = "Require this token (x-api-key or Authorization: Bearer). Default: $TETHER_TOKEN or the config; none on loopback.")
  String token;

  @Option(names = "--ping-interval", paramLabel = "DURATION", description = "Longest silence on a stream before a ping (default 5s; Claude Code wants <= 10s).")
  String pingInterval;

  @Option(names = "--trace", description = "Record every request and its response under $TETHER_HOME/traces (keys redacted).")
  Boolean trace;

  @Option(names = "--dev", description = "Development mode: debug logging; auth off on loopback.")
  boolean dev;

  @Option(names = "--log-level", paramLabel = "LEVEL", description = "trace, debug, info (default), warn or error.")
  String logLevel;

  /** The flags that are configuration keys, as the loader takes them. */
  Map<String, Object> configFlags() {
    Map<String, Object> flags = new LinkedHashMap<>();
    put(flags, Schema.SERVER_HOST, host);
    put(flags, Schema.SERVER_PORT, port);
    put(flags, Schema.SERVER_TOKEN, token);
    put(flags, Schema.SERVER_PING_INTERVAL, pingInterval);
    put(flags, Schema.SERVER_LOG_LEVEL, logLevel);
    put(flags, Schema.MODEL_DEFAULT, model);
    put(flags, Schema.MODEL_MODELS_DIR, modelsDir);
    put(flags, Schema.MODEL_MAX_CONTEXT, maxContext);
    put(flags, Schema.MODEL_THREADS, threads);
    put(flags, Schema.MODEL_MEMORY_CAP, memoryCap);
    put(flags, Schema.MODEL_KV_SLOTS, kvSlots);
    put(flags, Schema.MODEL_QUEUE_DEPTH, queueDepth);
    put(flags, Schema.MODEL_CACHE_DIR, cacheDir);
    put(flags, Schema.MODEL_DISK_CACHE, diskCache);
    put(flags, Schema.TRACES_ENABLED, trace);
    if (!routes.isEmpty()) {
      flags.put(Schema.ROUTES_RULES, List.copyOf(routes));
    }
    return flags;
  }

  /** Loads the effective configuration with these flags on top, writing the template on first run. */
  Config load(TetherHome home, Map<String, Object> extraFlags) {
    ConfigLoader.createTemplate(home.config());
    Map<String, Object> flags = configFlags();
    flags.putAll(extraFlags);
    return ConfigLoader.load(home.config(), System.getenv(), flags);
  }

  private static void put(Map<String, Object> flags, String key, Object value) {
    if (value != null) {
      flags.put(key, value);
    }
  }
}
