package dev.tether.cli.client;

import dev.tether.cli.TetherHome;
import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigException;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.cli.config.Schema;
import dev.tether.control.client.ControlClient;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --token}: which server the client talks to, and how it proves itself.
 * Server: the flag, else {@code $TETHER_SERVER}, else {@code http://HOST:PORT} from the configuration
 * (default {@code http://127.0.0.1:8787}). Token: the flag, else {@code $TETHER_TOKEN}, else
 * {@code server.token} from the configuration (what {@code tether init} writes).
 */
final class ClientOptions {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8787";

  @Option(names = "--server", paramLabel = "URL", description = "The Tether server (default: $TETHER_SERVER, else the configured host and port, http://127.0.0.1:8787).")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", description = "The server's token (default: $TETHER_TOKEN, else server.token in the configuration).")
  String token;

  /** The effective configuration, or null when there is none to read. */
  private Config config() {
    TetherHome home = TetherHome.fromEnvironment();
    try {
      return ConfigLoader.load(home.config(), System.getenv(), Map.of());
    } catch (ConfigException e) {
      throw new IllegalStateException(e.getMessage());
    }
  }

  URI serverUrl() {
    String url = server;
    if (url == null || url.isBlank()) {
      url = System.getenv("TETHER_SERVER");
    }
    if (url == null || url.isBlank()) {
      Config c = config();
      String host = c.string(Schema.SERVER_HOST);
      if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
        host = "127.0.0.1";
      }
      url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.integer(Schema.SERVER_PORT);
    }
    url = url.strip();
    if (!url.contains("://")) {
      url = "http://" + url;
    }
    return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  String effectiveToken() {
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    String configured = config().string(Schema.SERVER_TOKEN);
    return configured == null || configured.isBlank() ? null : configured.strip();
  }

  ControlClient connect(String clientName) {
    return new ControlClient(serverUrl(), effectiveToken(), clientName);
  }
}
