package dev.tether.control.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.control.ControlApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.IOException;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * MCP over streamable HTTP at {@code /mcp}, stateless: each {@code POST} carries one JSON-RPC request (answered
 * with its JSON response) or notification (answered 202); {@code GET} is 405, as the spec allows a server
 * that opens no stream of its own. Auth is the control plane's bearer token, checked before this runs.
 */
public final class McpHttp implements McpStatelessServerTransport {
  static final String INSTRUCTIONS = "Tether supervises coding agents. Register with create_session, report with"
      + " send_output, ask the user with request_approval, and read their replies with check_input.";
  public static final String PATH = "/mcp";

  private final McpJsonMapper mapper;
  private volatile McpStatelessServerHandler handler;
  private volatile boolean closing;

  private McpHttp(McpJsonMapper mapper) {
    this.mapper = mapper;
  }

  /** Installs {@code /mcp} on {@code app}, its tools answering through {@code api}. */
  public static void install(Javalin app, ControlApi api, String version) {
    McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
    McpHttp transport = new McpHttp(mapper);
    var spec = McpServer.sync(transport)
        .serverInfo("tether", version)
        .instructions(INSTRUCTIONS)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    for (McpTools.Tool tool : McpTools.all(api, mapper)) {
      spec.tools(new McpStatelessServerFeatures.SyncToolSpecification(tool.declaration(),
          (context, request) -> tool.call().apply(request.arguments())));
    }
    var server = spec.build();
    app.post(PATH, transport::post);
    app.get(PATH, ctx -> ctx.status(405).header("Allow", "POST"));
    app.delete(PATH, ctx -> ctx.status(405).header("Allow", "POST"));
    app.events(events -> events.serverStopping(server::close));
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> closing = true);
  }

  private void post(Context ctx) throws IOException {
    if (closing) {
      ctx.status(503);
      return;
    }
    String accept = ctx.header("Accept");
    if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
      rpcError(ctx, 406, McpSchema.ErrorCodes.INVALID_REQUEST, "the client must accept application/json");
      return;
    }
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(mapper, ctx.body());
    } catch (IOException | IllegalArgumentException e) {
      rpcError(ctx, 400, McpSchema.ErrorCodes.PARSE_ERROR, "not a JSON-RPC message: " + e.getMessage());
      return;
    }
    McpTransportContext context = McpTransportContext.create(Map.of());
    switch (message) {
      case McpSchema.JSONRPCRequest request -> {
        McpSchema.JSONRPCResponse response = handler.handleRequest(context, request)
            .contextWrite(c -> c.put(McpTransportContext.KEY, context)).block();
        ctx.status(200).contentType("application/json").result(mapper.writeValueAsString(response));
      }
      case McpSchema.JSONRPCNotification notification -> {
        // Stateless: nothing to track (initialized, cancelled, progress); acknowledge and move on.
        ctx.status(202);
      }
      case McpSchema.JSONRPCResponse ignored ->
          rpcError(ctx, 400, McpSchema.ErrorCodes.INVALID_REQUEST, "this server sends no requests to answer");
    }
  }

  private void rpcError(Context ctx, int status, int code, String message) throws IOException {
    ctx.status(status).contentType("application/json").result(mapper.writeValueAsString(
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, null, null,
            new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null))));
  }
}
