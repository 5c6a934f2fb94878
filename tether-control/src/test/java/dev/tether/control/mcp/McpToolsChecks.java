package dev.tether.control.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation with Tether's MCP tools that every transport must carry the same way: an agent
 * registers, reports, asks, and hears back; an orchestrator (a second client, as it would be) lists,
 * reads, steers and answers. Used by the HTTP test here and the stdio test in tether-cli.
 */
public final class McpToolsChecks {
  private McpToolsChecks() {}

  public static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, args));
    String text = ((McpSchema.TextContent) result.content().getFirst()).text();
    JsonNode json = ControlJson.parse(text);
    assertThat(result.isError()).as(tool + " → " + text).isFalse();
    return json;
  }

  /** Runs the conversation; returns the session id it created. */
  public static String run(McpSyncClient client, McpSyncClient orchestrator) throws Exception {
    List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    assertThat(tools).containsExactlyInAnyOrder("create_session", "send_output", "request_approval", "check_input",
        "list_sessions", "get_session_output", "send_input", "answer_approval");

    String id = call(client, "create_session", Map.of("name", "mcp agent", "agent_type", "custom")).get("id").asText();
    assertThat(id).startsWith("ses_");
    assertThat(call(client, "send_output", Map.of("session_id", id, "text", "working on it")).get("seq").asLong()).isEqualTo(3);

    // request_approval waits for the answer another client (the orchestrator) gives.
    CompletableFuture<JsonNode> asking = CompletableFuture.supplyAsync(() -> call(client, "request_approval",
        Map.of("session_id", id, "tool_name", "Bash", "tool_input", Map.of("command", "make deploy"), "timeout_seconds", 20)));
    String approvalId = null;
    long deadline = System.nanoTime() + 30_000_000_000L; // generous: a loaded machine starts JVMs slowly
    while (approvalId == null && System.nanoTime() < deadline) {
      for (JsonNode e : call(orchestrator, "get_session_output", Map.of("session_id", id, "since_seq", 0)).get("events")) {
        if (e.get("type").asText().equals("approval_requested")) {
          approvalId = e.get("data").get("approval_id").asText();
        }
      }
      Thread.sleep(25);
    }
    assertThat(approvalId).isNotNull();
    JsonNode answer = call(orchestrator, "answer_approval", Map.of("approval_id", approvalId, "decision", "allow",
        "rule", "Bash(make:*)", "rule_duration", "30m"));
    assertThat(answer.get("rule_id").asText()).startsWith("rul_");
    JsonNode decided = asking.get();
    assertThat(decided.get("approval_id").asText()).isEqualTo(approvalId);
    assertThat(decided.get("decision").asText()).isEqualTo("allow");
    assertThat(decided.get("allowed").asBoolean()).isTrue();

    // The rule made over MCP answers the next request at once.
    JsonNode byRule = call(client, "request_approval", Map.of("session_id", id, "tool_name", "Bash",
        "tool_input", Map.of("command", "make test")));
    assertThat(byRule.path("resolved_by").asText()).as(byRule.toString()).isEqualTo("rule");

    // A request nobody answers in time comes back denied by timeout.
    JsonNode timedOut = call(client, "request_approval", Map.of("session_id", id, "title", "Ship it?",
        "options", List.of("yes", "no"), "timeout_seconds", 0.3));
    assertThat(timedOut.get("decision").asText()).isEqualTo("deny");
    assertThat(timedOut.get("resolved_by").asText()).isEqualTo("timeout");

    call(client, "send_input", Map.of("session_id", id, "text", "also update the docs"));
    JsonNode input = call(client, "check_input", Map.of("session_id", id, "since_seq", 0)).get("events");
    assertThat(input).extracting(e -> e.get("type").asText()).contains("approval_resolved", "user_input");
    assertThat(input.get(input.size() - 1).get("data").get("text").asText()).isEqualTo("also update the docs");

    JsonNode list = call(client, "list_sessions", Map.of());
    assertThat(list.get("sessions")).extracting(s -> s.get("id").asText()).contains(id);

    McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest("send_output",
        Map.of("session_id", "ses_missing", "text", "x")));
    assertThat(missing.isError()).isTrue();
    assertThat(((McpSchema.TextContent) missing.content().getFirst()).text()).contains("not_found");
    return id;
  }
}
