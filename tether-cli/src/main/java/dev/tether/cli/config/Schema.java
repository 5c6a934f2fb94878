package dev.tether.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every key Tether's configuration knows, in the order the template and {@code config show} print
 * them. Anything else in a file is an error: a typo must not be ignored.
 */
public final class Schema {
  public static final String SERVER_HOST = "server.host";
  public static final String SERVER_PORT = "server.port";
  public static final String SERVER_TOKEN = "server.token";
  public static final String SERVER_PING_INTERVAL = "server.ping_interval";
  public static final String SERVER_LOG_LEVEL = "server.log_level";
  public static final String MODEL_DEFAULT = "model.default";
  public static final String MODEL_MODELS_DIR = "model.models_dir";
  public static final String MODEL_MAX_CONTEXT = "model.max_context";
  public static final String MODEL_THREADS = "model.threads";
  public static final String MODEL_MEMORY_CAP = "model.memory_cap";
  public static final String MODEL_KV_SLOTS = "model.kv_slots";
  public static final String MODEL_QUEUE_DEPTH = "model.queue_depth";
  public static final String MODEL_CACHE_DIR = "model.cache_dir";
  public static final String MODEL_DISK_CACHE = "model.disk_cache";
  public static final String ROUTES_RULES = "routes.rules";
  public static final String ROUTES_OPUS = "routes.opus";
  public static final String ROUTES_SONNET = "routes.sonnet";
  public static final String ROUTES_HAIKU = "routes.haiku";
  public static final String ROUTES_SUBAGENT = "routes.subagent";
  public static final String CLAUDE_PATH = "claude.path";
  public static final String CLAUDE_ARGS = "claude.args";
  public static final String CLAUDE_API_TIMEOUT = "claude.api_timeout";
  public static final String CLAUDE_MAX_OUTPUT_TOKENS = "claude.max_output_tokens";
  public static final String CLAUDE_ENV = "claude.env";
  public static final String TRACES_ENABLED = "traces.enabled";
  public static final String TRACES_DIR = "traces.dir";
  public static final String TRACES_KEEP_DAYS = "traces.keep_days";
  public static final String BACKENDS = "backends";
  public static final String CONTROL_RETENTION_DAYS = "control.retention_days";
  public static final String CONTROL_APPROVAL_TIMEOUT = "control.approval_timeout";
  public static final String CONTROL_AWAY = "control.away";
  public static final String CONTROL_STOP_WAIT = "control.stop_wait";
  public static final String HEADLESS_GATEWAY = "headless.gateway";
  public static final String HEADLESS_MODEL = "headless.model";
  public static final String HEADLESS_INTERRUPT_GRACE = "headless.interrupt_grace";

  /** The sections, in template order. */
  static final List<String> SECTIONS = List.of("server", "model", "routes", "claude", "traces", "control", "headless",
      "backends");

  static final List<Key> KEYS = List.of(
      new Key(SERVER_HOST, Kind.STRING, "127.0.0.1", "TETHER_HOST", "--host",
          "Address to listen on. Anything but loopback needs a token."),
      new Key(SERVER_PORT, Kind.INTEGER, 8787, "TETHER_PORT", "--port", "Port (0 picks a free one)."),
      new Key(SERVER_TOKEN, Kind.STRING, "", "TETHER_TOKEN", "--token",
          "Bearer token every client must send. Empty: none on loopback (the launcher makes one per launch)."),
      new Key(SERVER_PING_INTERVAL, Kind.DURATION, Duration.ofSeconds(5), "TETHER_PING_INTERVAL", "--ping-interval",
          "Longest silence on a stream before a ping (Claude Code wants at most 10s)."),
      new Key(SERVER_LOG_LEVEL, Kind.STRING, "info", "TETHER_LOG_LEVEL", "--log-level",
          "trace, debug, info, warn or error."),
      new Key(MODEL_DEFAULT, Kind.STRING, "", "TETHER_MODEL", "--model",
          "Model to launch with when none is given: a name from `tether models`, a .gguf path, or an upstream model."),
      new Key(MODEL_MODELS_DIR, Kind.STRING, "", "TETHER_MODELS_DIR", "--models-dir",
          "Where your own .gguf files live (empty: $TETHER_HOME/models)."),
      new Key(MODEL_MAX_CONTEXT, Kind.TOKENS, 64 * 1024, "TETHER_MAX_CONTEXT", "--max-context",
          "Cap on the context window used, whatever the model supports."),
      new Key(MODEL_THREADS, Kind.INTEGER, 0, "TETHER_THREADS", "--threads",
          "Threads for an in-process model (0: one per core)."),
      new Key(MODEL_MEMORY_CAP, Kind.SIZE, 0L, "TETHER_MEMORY_CAP", "--memory-cap",
          "Refuse to load an in-process model whose weights and KV cache exceed this, e.g. \"18GB\" (0: no cap)."),
      new Key(MODEL_KV_SLOTS, Kind.INTEGER, 4, "TETHER_KV_SLOTS", "--kv-slots",
          "KV slots kept as a prefix cache, so concurrent sessions do not evict each other's prompts."),
      new Key(MODEL_QUEUE_DEPTH, Kind.INTEGER, 8, "TETHER_QUEUE_DEPTH", "--queue-depth",
          "Requests that may wait for an in-process model while it answers one; more get 429."),
      new Key(MODEL_CACHE_DIR, Kind.STRING, "", "TETHER_CACHE_DIR", "--cache-dir",
          "Where saved prompt prefixes live (empty: $TETHER_HOME/cache)."),
      new Key(MODEL_DISK_CACHE, Kind.SIZE, 4L << 30, "TETHER_DISK_CACHE", "--disk-cache",
          "Size cap of the saved prefixes on disk, oldest evicted first (0: save none)."),
      new Key(ROUTES_RULES, Kind.STRINGS, List.of(), null, "--route",
          "\"GLOB=BACKEND[:MODEL]\" rules, first match wins; unmatched names go to the first backend."),
      new Key(ROUTES_OPUS, Kind.STRING, "", null, null, "Model Claude Code uses for its opus tier (empty: the chosen model)."),
      new Key(ROUTES_SONNET, Kind.STRING, "", null, null, "Model for the sonnet tier (empty: the chosen model)."),
      new Key(ROUTES_HAIKU, Kind.STRING, "", null, null,
          "Model for the haiku tier and background calls; a small fast model fits (empty: the chosen model)."),
      new Key(ROUTES_SUBAGENT, Kind.STRING, "", null, null, "Model for subagents (empty: the chosen model)."),
      new Key(CLAUDE_PATH, Kind.STRING, "", "TETHER_CLAUDE_PATH", "--claude-path",
          "The claude executable (empty: found on PATH)."),
      new Key(CLAUDE_ARGS, Kind.STRINGS, List.of(), null, null, "Arguments always passed to claude, before those after --."),
      new Key(CLAUDE_API_TIMEOUT, Kind.DURATION, Duration.ofMinutes(10), null, null,
          "API_TIMEOUT_MS for claude: local prompts can take minutes on a CPU."),
      new Key(CLAUDE_MAX_OUTPUT_TOKENS, Kind.TOKENS, 0, null, null,
          "CLAUDE_CODE_MAX_OUTPUT_TOKENS (0: a quarter of the context, at most 32000)."),
      new Key(CLAUDE_ENV + ".*", Kind.STRING, null, null, null, "Extra environment for claude, e.g. DISABLE_AUTOUPDATER = \"1\"."),
      new Key(TRACES_ENABLED, Kind.BOOLEAN, false, "TETHER_TRACE", "--trace",
          "Record every request and its response under the traces directory (keys redacted)."),
      new Key(TRACES_DIR, Kind.STRING, "", "TETHER_TRACES_DIR", null, "Where traces go (empty: $TETHER_HOME/traces)."),
      new Key(TRACES_KEEP_DAYS, Kind.INTEGER, 14, null, null, "Traces older than this are deleted at start (0: keep all)."),
      new Key(CONTROL_RETENTION_DAYS, Kind.INTEGER, 30, "TETHER_RETENTION_DAYS", null,
          "Ended sessions older than this many days are deleted (0: keep all). Running ones never are."),
      new Key(CONTROL_APPROVAL_TIMEOUT, Kind.DURATION, Duration.ofMinutes(5), "TETHER_APPROVAL_TIMEOUT", null,
          "How long an approval waits for an answer when the agent names no timeout; then it is denied."),
      new Key(CONTROL_AWAY, Kind.BOOLEAN, false, "TETHER_AWAY", null,
          "Away mode for every session at startup: Claude Code's tool calls wait for a remote decision (tether away)."),
      new Key(CONTROL_STOP_WAIT, Kind.DURATION, Duration.ofMinutes(10), "TETHER_STOP_WAIT", null,
          "In away mode, how long a stopped Claude Code session waits for a remote message to continue with."),
      new Key(HEADLESS_GATEWAY, Kind.BOOLEAN, false, "TETHER_HEADLESS_GATEWAY", null,
          "Sessions Tether runs itself (claude -p) use Tether's own models; false: the user's normal Claude account."),
      new Key(HEADLESS_MODEL, Kind.STRING, "", null, null,
          "With headless.gateway, the model those sessions use (empty: model.default)."),
      new Key(HEADLESS_INTERRUPT_GRACE, Kind.DURATION, Duration.ofSeconds(10), null, null,
          "How long an interrupted headless turn may take to stop before its processes are killed."),
      new Key(BACKENDS + ".*.type", Kind.STRING, null, null, null, "openai (an OpenAI-compatible server) or anthropic (pass-through)."),
      new Key(BACKENDS + ".*.urls", Kind.STRINGS, null, null, null, "Base URLs, tried in order with failover."),
      new Key(BACKENDS + ".*.api_key_env", Kind.STRING, null, null, null,
          "Name of the environment variable holding the API key (keys never go in this file)."),
      new Key(BACKENDS + ".*.model", Kind.STRING, null, null, null,
          "Upstream model for request names it does not know (default: its first model)."),
      new Key(BACKENDS + ".*.context_length", Kind.TOKENS, null, null, null,
          "Context window when the upstream does not report one."),
      new Key(BACKENDS + ".*.reasoning", Kind.BOOLEAN, null, null, null, "The upstream model can think."),
      new Key(BACKENDS + ".*.models.*", Kind.STRING, null, null, null,
          "Model mapping: request name = upstream model name."));

  private Schema() {}

  /** The key a concrete path is, if any. */
  static Optional<Key> find(String concretePath) {
    return KEYS.stream().filter(k -> k.matches(concretePath)).findFirst();
  }

  /** The key with exactly this path. */
  public static Key key(String path) {
    return KEYS.stream().filter(k -> k.path().equals(path)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no configuration key " + path));
  }

  /** Whether a path names a table that may hold keys (a section, a backend, a mapping). */
  static boolean isTable(String concretePath) {
    return KEYS.stream().anyMatch(k -> {
      String[] want = k.path().split("\\.");
      String[] have = concretePath.split("\\.", -1);
      if (have.length >= want.length) {
        return false;
      }
      for (int i = 0; i < have.length; i++) {
        if (!want[i].equals("*") && !want[i].equals(have[i])) {
          return false;
        }
      }
      return true;
    });
  }

  /** The known key (or section) closest to an unknown one, for "did you mean". */
  static Optional<String> suggest(String unknownPath) {
    String[] have = unknownPath.split("\\.");
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Key k : KEYS) {
      String[] want = k.path().split("\\.");
      for (int n = 1; n <= want.length; n++) {
        StringBuilder candidate = new StringBuilder();
        for (int i = 0; i < n; i++) {
          candidate.append(i == 0 ? "" : ".").append(want[i].equals("*") && i < have.length ? have[i] : want[i]);
        }
        int d = distance(candidate.toString(), unknownPath);
        if (d < bestDistance) {
          bestDistance = d;
          best = candidate.toString();
        }
      }
    }
    return bestDistance <= Math.max(2, unknownPath.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        char ca = a.charAt(i - 1);
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
