package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.control.ControlService;
import dev.tether.control.mcp.McpToolsChecks;
import dev.tether.gateway.http.HttpOptions;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether mcp} in its own JVM, driven by the MCP SDK's client over stdio, talking to a real server:
 * the same conversation as over HTTP, and nothing but JSON-RPC on stdout.
 */
class McpStdioIT {
  private static final String TOKEN = "mcp-token";
  @TempDir Path dir;
  private TetherServer server;

  @BeforeEach
  void start() {
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(), 0,
        ControlService.open(dir, ControlService.Config.defaults()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** {@code tether mcp} in a child JVM, with an SDK client on its stdin/stdout. */
  private McpSyncClient tetherMcp(List<String> stderr) {
    ServerParameters params = ServerParameters.builder(ProcessHandle.current().info().command().orElseThrow())
        .args("-cp", System.getProperty("java.class.path"), Main.class.getName(), "mcp",
            "--server", server.baseUrl().toString(), "--token", TOKEN)
        .addEnvVar("TETHER_HOME", dir.resolve("home").toString())
        .build();
    StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
    transport.setStdErrorHandler(stderr::add);
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60))
        .build();
  }

  @Test
  void theSdksStdioClientDrivesTetherMcp() throws Exception {
    List<String> stderr = new CopyOnWriteArrayList<>();
    // Two processes, as in life: the agent's MCP server and an orchestrator's (the SDK's stdio client
    // also wants one caller at a time).
    try (McpSyncClient client = tetherMcp(stderr); McpSyncClient orchestrator = tetherMcp(stderr)) {
      var init = client.initialize();
      orchestrator.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("tether");
      String id = McpToolsChecks.run(client, orchestrator);
      assertThat(server.control().session(id).name()).isEqualTo("mcp agent");
      assertThat(server.control().events(id, 0, 100)).extracting(e -> e.data().path("by").asText(""))
          .contains("mcp");
    }
    assertThat(stderr).noneMatch(line -> line.contains("Exception"));
  }
}
