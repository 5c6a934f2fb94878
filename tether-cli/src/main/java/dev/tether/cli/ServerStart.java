package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.config.Source;
import dev.tether.cli.config.Units;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.trace.TraceStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Starts the server from the effective configuration: what {@code serve} and the launcher share. */
final class ServerStart {
  private ServerStart() {}

  /** A running server and what it was started with. */
  record Started(TetherServer server, Backends.Wiring wiring, String token, Config config) implements AutoCloseable {
    /** The one-line startup summary: URL, backends, context. */
    String summary() {
      int maxContext = config.tokens(Schema.MODEL_MAX_CONTEXT);
      return "tether " + Main.Version.version() + " on " + server.baseUrl() + " · backends " + wiring.describe()
          + " · context up to " + (maxContext > 0 ? Units.formatTokens(maxContext) : "the model's")
          + (token == null ? " · no token (loopback)" : " · token required")
          + (config.bool(Schema.TRACES_ENABLED) ? " · tracing to " + tracesDir(config) : "");
    }

    @Override
    public void close() {
      server.close();
    }
  }

  /**
   * Starts the server.
   *
   * @param token the token to require instead of the configured one (the launcher's per-launch
   *     token), or null
   * @param anyPortIfTaken when the port is the default and taken, take a free one instead
   */
  static Started start(Config config, ServerFlags flags, String token, boolean anyPortIfTaken) {
    return start(config, flags, Backends.build(config, flags, System.getenv()), token, anyPortIfTaken);
  }

  /** Starts the server on backends already built (the launcher checks the model on them first). */
  static Started start(Config config, ServerFlags flags, Backends.Wiring wiring, String token, boolean anyPortIfTaken) {
    String host = config.string(Schema.SERVER_HOST);
    String configured = config.string(Schema.SERVER_TOKEN);
    String effectiveToken = token != null ? token : configured.isBlank() ? null : configured;
    if (flags.dev && !TetherServer.isLoopback(host)) {
      throw new UserError("--dev turns authentication off, so it is allowed only on loopback, not on " + host
          + ". Drop --dev, or bind 127.0.0.1.");
    }
    if (flags.dev && token == null) {
      effectiveToken = null;
    }
    HttpOptions options = new HttpOptions(effectiveToken, config.duration(Schema.SERVER_PING_INTERVAL),
        HttpOptions.DEFAULT_MAX_BODY);
    int port = config.integer(Schema.SERVER_PORT);
    if (anyPortIfTaken && config.source(Schema.SERVER_PORT) instanceof Source.Default && !free(host, port)) {
      port = 0;  // another Tether (or anything) has the default port: the launcher can use any
    }
    try {
      TetherServer server = TetherServer.start(host, port, options, wiring.backends(), wiring.routes(),
          config.tokens(Schema.MODEL_MAX_CONTEXT), traces(config),
          Control.open(config, TetherHome.fromEnvironment().ensure()));
      try {
        Headless.install(server.control(), server.baseUrl(), server.agentToken(), config, System.getenv());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return new Started(server, wiring, effectiveToken, config);
    } catch (IllegalArgumentException e) {
      wiring.backends().forEach(Backend::close);
      throw new UserError(e.getMessage());
    } catch (RuntimeException e) {
      wiring.backends().forEach(Backend::close);
      throw e;
    }
  }

  /** The trace store when tracing is on (pruned of old traces first), else null. */
  static TraceStore traces(Config config) {
    if (!config.bool(Schema.TRACES_ENABLED)) {
      return null;
    }
    TraceStore store = new TraceStore(tracesDir(config));
    store.prune(Duration.ofDays(config.integer(Schema.TRACES_KEEP_DAYS)));
    return store;
  }

  static Path tracesDir(Config config) {
    String dir = config.string(Schema.TRACES_DIR);
    return dir.isBlank() ? TetherHome.fromEnvironment().root().resolve("traces")
        : Path.of(dir.replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
  }

  private static boolean free(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
