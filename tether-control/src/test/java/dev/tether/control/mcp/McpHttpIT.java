package dev.tether.control.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.control.web.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /mcp} driven by the MCP SDK's own streamable-HTTP client. */
class McpHttpIT {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private McpSyncClient client(String token) {
    var transport = HttpClientStreamableHttpTransport.builder(server.base.toString()).endpoint("/mcp")
        .customizeRequest(b -> b.header("Authorization", "Bearer " + token)).build();
    return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
  }

  @Test
  void theSdksClientRunsTheWholeConversationOverHttp() throws Exception {
    try (McpSyncClient client = client(TestServer.TOKEN); McpSyncClient orchestrator = client(TestServer.TOKEN)) {
      var init = client.initialize();
      orchestrator.initialize();
      assertThat(init.serverInfo().name()).isEqualTo("tether");
      String id = McpToolsChecks.run(client, orchestrator);
      assertThat(server.service.session(id).lastSeq()).isGreaterThan(5);
    }
  }

  @Test
  void mcpWithoutTheTokenIsRefused() {
    try (McpSyncClient client = client("wrong")) {
      assertThatThrownBy(client::initialize).isInstanceOf(RuntimeException.class);
    }
  }
}
