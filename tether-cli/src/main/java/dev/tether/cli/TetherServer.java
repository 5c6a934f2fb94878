package dev.tether.cli;

import dev.tether.control.ControlService;
import dev.tether.control.hook.ReplyOutput;
import dev.tether.control.web.ControlHttp;
import dev.tether.control.web.ControlOptions;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.http.GatewayHttp;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.routing.Route;
import dev.tether.gateway.routing.Router;
import dev.tether.gateway.service.GatewayService;
import dev.tether.gateway.service.ReplyTap;
import dev.tether.gateway.trace.TraceSink;
import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The running server: one Javalin (Jetty) instance on one port, with the gateway routes installed and,
 * when a control service is given, the control plane's ({@code /api}, SSE, {@code /mcp}) beside them,
 * all behind the same token. This is the wiring {@code tether serve} uses and integration tests start
 * on port 0.
 */
final class TetherServer implements AutoCloseable {
  /** How long a connection may be silent; long, because a non-streaming reply can take minutes. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  private final Javalin app;
  private final GatewayService gateway;
  private final ControlService control;
  private final String host;
  private final String agentToken;

  private TetherServer(Javalin app, GatewayService gateway, ControlService control, String host, String agentToken) {
    this.agentToken = agentToken;
    this.app = app;
    this.gateway = gateway;
    this.control = control;
    this.host = host;
  }

  /**
   * Starts the server.
   *
   * @throws UserError for a non-loopback bind without a token, or a port in use
   */
  static TetherServer start(String host, int port, HttpOptions options, List<Backend> backends, List<Route> routes) {
    return start(host, port, options, backends, routes, 0, null, null);
  }

  /**
   * Starts the server with a cap on every model's context.
   *
   * @param maxContext the most context any model gets, in tokens (0: each model's own)
   * @param traces where to record requests and replies, or null
   * @throws UserError for a non-loopback bind without a token, or a port in use
   */
  static TetherServer start(String host, int port, HttpOptions options, List<Backend> backends, List<Route> routes,
      int maxContext, TraceSink traces) {
    return start(host, port, options, backends, routes, maxContext, traces, null);
  }

  /**
   * Starts the server with the control plane too.
   *
   * @param control the supervision core to serve (the server takes it over and closes it), or null for
   *     the gateway alone
   * @throws UserError for a non-loopback bind without a token, or a port in use
   */
  static TetherServer start(String host, int port, HttpOptions options, List<Backend> backends, List<Route> routes,
      int maxContext, ControlService control) {
    return start(host, port, options, backends, routes, maxContext, null, control);
  }

  /** Starts the server: gateway (with traces, if any) and, when given, the control plane. */
  static TetherServer start(String host, int port, HttpOptions options, List<Backend> backends, List<Route> routes,
      int maxContext, TraceSink traces, ControlService control) {
    if (options.token() == null && !isLoopback(host)) {
      if (control != null) {
        control.close();
      }
      throw new UserError("refusing to listen on " + host + " without a token: anyone on the network could use it."
          + " Give --token (or bind 127.0.0.1).");
    }
    GatewayService gateway = new GatewayService(new Router(backends, routes), maxContext, traces,
        control == null ? null : replyTap(new ReplyOutput(control)));
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.useVirtualThreads = true;
      config.http.maxRequestSize = options.maxBodyBytes() + 1;
      config.jetty.addConnector((server, httpConfiguration) -> {
        httpConfiguration.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        return connector;
      });
    });
    // Agents Tether starts (launched or headless claude) get a token of their own that opens /v1 and
    // the hook routes only: a command the model runs inside them cannot answer its own approvals.
    String agentToken = options.token() == null ? null : "agent-" + randomToken();
    GatewayHttp.install(app, gateway, options.withAgentToken(agentToken));
    if (control != null) {
      ControlHttp.install(app, control, new ControlOptions(options.token(), ControlOptions.DEFAULT_KEEP_ALIVE,
          Main.Version.version(), agentToken));
    }
    try {
      app.start();
    } catch (RuntimeException e) {
      gateway.close();
      if (control != null) {
        control.close();
      }
      if (isBindFailure(e)) {
        throw new UserError("cannot listen on " + host + ":" + port + ": the port is in use"
            + PortOwner.describe(port).map(owner -> " by " + owner).orElse(" (or not allowed)")
            + ". Choose another with --port, or find the owner with: ss -ltnp 'sport = :" + port + "'");
      }
      throw e;
    }
    return new TetherServer(app, gateway, control, host, agentToken);
  }

  /** Claude Code's main-loop replies, as text and thinking output in the session bound to their session id. */
  private static ReplyTap replyTap(ReplyOutput output) {
    return (agentSessionId, requestId) -> {
      ReplyOutput.Reply reply = output.open(agentSessionId);
      return new ReplyTap.Listener() {
        @Override
        public void event(dev.tether.api.stream.StreamEvent event) {
          reply.event(event);
        }

        @Override
        public void end() {
          reply.end();
        }
      };
    };
  }

  /** The Javalin app (tests enumerate its routes). */
  Javalin app() {
    return app;
  }

  /** The control plane, or null when only the gateway runs. */
  ControlService control() {
    return control;
  }

  /** The port actually bound (useful with port 0). */
  int port() {
    return app.port();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8787}. */
  URI baseUrl() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if ("0.0.0.0".equals(host) || "::".equals(host)) {
      h = "127.0.0.1";
    }
    return URI.create("http://" + h + ":" + port());
  }

  @Override
  public void close() {
    app.stop();
    gateway.close();
    if (control != null) {
      control.close();
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The token for agents this server starts: accepted on {@code /v1} and {@code /api/hooks} only; null
   * when the server requires no token.
   */
  String agentToken() {
    return agentToken;
  }

  /** 24 random bytes, base64url: for tokens and launch ids. */
  static String randomToken() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
