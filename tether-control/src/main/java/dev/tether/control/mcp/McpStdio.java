package dev.tether.control.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.control.ControlApi;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The MCP server over stdio ({@code tether mcp}): JSON-RPC on stdin/stdout and nothing else on stdout
 * (logs go to stderr). The tools call the running server through {@code api}.
 */
public final class McpStdio {
  private McpStdio() {}

  /** Starts serving; the returned server stops when stdin closes or on {@link McpSyncServer#close()}. */
  public static McpSyncServer serve(ControlApi api, InputStream in, OutputStream out, String version) {
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    var spec = McpServer.sync(new StdioServerTransportProvider(mapper, in, out))
        .serverInfo("tether", version)
        .instructions(McpHttp.INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    for (McpTools.Tool tool : McpTools.all(api, mapper)) {
      spec.tools(new McpServerFeatures.SyncToolSpecification(tool.declaration(),
          (exchange, request) -> tool.call().apply(request.arguments())));
    }
    return spec.build();
  }
}
