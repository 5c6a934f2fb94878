package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.web.RouteTable;
import dev.tether.gateway.http.HttpOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway and the control plane on one server, one port, one token. */
class ControlWiringIT {
  private static final String TOKEN = "wiring-token";
  @TempDir Path dir;
  private TetherServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(), 0,
        ControlService.open(dir, ControlService.Config.defaults()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUrl().resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    boolean bodyless = method.equals("GET") || method.equals("HEAD") || method.equals("WEBSOCKET");
    b.method(method.equals("WEBSOCKET") ? "GET" : method, bodyless ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRouteOfTheWholeServerWantsTheTokenButHealthRootAndAssets() throws Exception {
    List<RouteTable.Route> routes = RouteTable.of(server.app());
    assertThat(routes).extracting(RouteTable.Route::path).contains("/v1/messages", "/api/sessions", "/mcp", "/api/external/ws");
    List<String> open = List.of("GET /api/health", "GET /", "HEAD /", "GET /health",
        "GET /sw.js", "GET /manifest.webmanifest", "GET /favicon.ico", "GET /assets/<path>"); // + the web UI's files
    for (RouteTable.Route route : routes) {
      String name = route.method() + " " + route.path();
      HttpResponse<String> none = send(route.method(), route.concrete(), null);
      if (open.contains(name)) {
        // /assets/x1 is no file: public means no token asked, so 404 rather than 401 there
        assertThat(none.statusCode()).as(name).isEqualTo(route.path().contains("<") ? 404 : 200);
        continue;
      }
      assertThat(none.statusCode()).as(name).isEqualTo(401);
      assertThat(send(route.method(), route.concrete(), "Bearer wrong").statusCode()).as(name).isEqualTo(401);
      if (route.path().startsWith("/v1/")) {
        assertThat(none.body()).as(name).contains("\"type\":\"authentication_error\"");
      } else {
        assertThat(ControlJson.parse(none.body()).get("error").get("code").asText()).as(name).isEqualTo("unauthorized");
      }
    }
    assertThat(routes.stream().map(r -> r.method() + " " + r.path()).filter(open::contains)).hasSize(open.size());
  }

  @Test
  void theSameTokenOpensTheGatewayAndTheControlPlane() throws Exception {
    assertThat(send("POST", "/v1/messages", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/sessions", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/sessions", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theAgentTokenOpensTheGatewayAndTheHooksButNothingThatAnswersApprovals() throws Exception {
    String agent = "Bearer " + server.agentToken();
    assertThat(server.agentToken()).isNotBlank().isNotEqualTo(TOKEN);
    for (RouteTable.Route route : RouteTable.of(server.app())) {
      String name = route.method() + " " + route.path();
      if (route.path().equals("/") || route.path().contains("health") || route.method().equals("GET")
          && (route.path().startsWith("/assets/") || route.path().matches("/[a-z.]+\\.[a-z]+"))) {
        continue;  // public
      }
      int status = send(route.method(), route.concrete(), agent).statusCode();
      boolean agentRoute = route.path().startsWith("/v1/") || name.startsWith("POST /api/hooks/");
      assertThat(status).as(name).matches(s -> agentRoute ? s != 401 : s == 401, agentRoute ? "not 401" : "401");
    }
  }

  @Test
  void devModeIsRefusedOffLoopback() {
    ServerFlags flags = new ServerFlags();
    flags.dev = true;
    flags.host = "0.0.0.0";
    flags.token = "t";
    Config config = ConfigLoader.load(dir.resolve("config"), Map.of(), flags.configFlags());
    assertThatThrownBy(() -> ServerStart.start(config, flags, new Backends.Wiring(List.of(new ScriptedBackend()), List.of()),
        null, false)).isInstanceOf(UserError.class).hasMessageContaining("only on loopback");
  }

  @Test
  void aNonLoopbackBindWithoutATokenIsRefused() {
    assertThatThrownBy(() -> TetherServer.start("0.0.0.0", 0, HttpOptions.defaults(null), List.of(new ScriptedBackend()),
        List.of(), 0, ControlService.open(dir.resolve("other"), ControlService.Config.defaults())))
        .isInstanceOf(UserError.class).hasMessageContaining("without a token");
  }
}
