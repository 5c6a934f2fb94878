package dev.tether.control.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlApi;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The MCP tools, each a thin call of {@link ControlApi}: an agent registers itself and reports
 * ({@code create_session}, {@code send_output}, {@code request_approval}, {@code check_input}); an
 * orchestrating agent watches and steers others ({@code list_sessions}, {@code get_session_output},
 * {@code send_input}, {@code answer_approval}). Results are the REST API's JSON; failures come back as
 * tool errors carrying {@code {"error":{"code","message"}}}.
 */
public final class McpTools {
  /** A tool: its declaration and what it does with its arguments. */
  public record Tool(McpSchema.Tool declaration, Function<Map<String, Object>, McpSchema.CallToolResult> call) {}

  /** What {@code get_session_output} returns: what the agent said and did, and what became of it. */
  static final Set<String> OUTPUT_TYPES = Set.of("output", "state", "error", "approval_requested", "approval_resolved");

  private static final String SESSION_ID = "\"session_id\":{\"type\":\"string\",\"description\":\"The session id (ses_…)\"}";
  private static final String SINCE = "\"since_seq\":{\"type\":\"integer\",\"description\":\"Only events after this seq (default 0)\"}";

  private McpTools() {}

  /** Every tool, answering through {@code api}. */
  public static List<Tool> all(ControlApi api, McpJsonMapper mapper) {
    return List.of(
        tool(mapper, "create_session", "Register this agent as a supervised Tether session and get its id. Call once"
            + " at the start; then report with send_output and ask with request_approval.",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Session name shown to the user\"},"
                + "\"agent_type\":{\"type\":\"string\",\"description\":\"claude_code, codex, opencode, pi or custom\"},"
                + "\"directory\":{\"type\":\"string\",\"description\":\"Absolute working directory\"},"
                + "\"approval_mode\":{\"type\":\"string\",\"enum\":[\"ask\",\"auto-edits\",\"auto\"]}}}",
            args -> api.createSession(new NewSession(str(args, "name", "session_name"), str(args, "agent_type", "agent_name"),
                str(args, "directory", "workspace"), str(args, "approval_mode"), false))),
        tool(mapper, "send_output", "Show the user what you are doing or have done (text, markdown).",
            "{\"type\":\"object\",\"properties\":{" + SESSION_ID + ",\"text\":{\"type\":\"string\"},"
                + "\"final\":{\"type\":\"boolean\",\"description\":\"This is the turn's final answer\"}},"
                + "\"required\":[\"session_id\",\"text\"]}",
            args -> {
              var data = ControlJson.MAPPER.createObjectNode().put("text", req(args, "text"));
              if (args.get("final") instanceof Boolean f) {
                data.put("final", f).put("kind", f ? "final" : "step");
              }
              return api.append(req(args, "session_id"), "output", data);
            }),
        tool(mapper, "request_approval", "Ask the user for permission (tool_name + tool_input) or a choice (title,"
            + " description, options). Waits for the answer up to timeout_seconds (default 300); returns the decision,"
            + " or, if nobody answered yet, the approval_id to look for later with check_input.",
            "{\"type\":\"object\",\"properties\":{" + SESSION_ID + ",\"tool_name\":{\"type\":\"string\"},"
                + "\"tool_input\":{\"type\":\"object\"},\"title\":{\"type\":\"string\"},\"description\":{\"type\":\"string\"},"
                + "\"options\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
                + "\"timeout_seconds\":{\"type\":\"number\",\"description\":\"Deny if nobody answers in time (default 300)\"}},"
                + "\"required\":[\"session_id\"]}",
            args -> {
              Double timeout = num(args, "timeout_seconds");
              JsonNode input = args.get("tool_input") == null ? null : ControlJson.tree(args.get("tool_input"));
              @SuppressWarnings("unchecked")
              List<String> options = args.get("options") instanceof List<?> l ? (List<String>) l : null;
              Approval a = api.requestApproval(req(args, "session_id"), new ApprovalRequest(str(args, "tool_name"), input,
                  str(args, "title"), str(args, "description"), options, null, timeout),
                  // a little past the deadline, so a timeout comes back as the deny it is
                  Duration.ofMillis(Math.round((timeout != null ? timeout : 300) * 1000) + 2000));
              return approvalResult(a);
            }),
        tool(mapper, "check_input", "Get what the user sent you since a seq: messages (user_input), approval"
            + " decisions (approval_resolved) and interrupts. Optionally wait up to wait_seconds for the first.",
            "{\"type\":\"object\",\"properties\":{" + SESSION_ID + "," + SINCE + ","
                + "\"wait_seconds\":{\"type\":\"number\"}},\"required\":[\"session_id\"]}",
            args -> Map.of("events", api.poll(req(args, "session_id"), lng(args, "since_seq"), null, seconds(args, "wait_seconds")))),
        tool(mapper, "list_sessions", "List supervised sessions, newest first.",
            "{\"type\":\"object\",\"properties\":{\"state\":{\"type\":\"string\",\"description\":\"created, running,"
                + " awaiting_input, awaiting_approval, interrupting, error or ended\"},"
                + "\"directory\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"}}}",
            args -> {
              String state = str(args, "state");
              SessionState s = state == null ? null : SessionState.parse(state)
                  .orElseThrow(() -> ControlException.validation("unknown state " + state));
              long limit = args.get("limit") instanceof Number n ? n.longValue() : 50;
              return api.sessions(new SessionQuery(s, str(args, "directory"), null, (int) Math.clamp(limit, 1, 1000), 0));
            }),
        tool(mapper, "get_session_output", "Read what a session's agent said and did since a seq: output, state"
            + " changes, errors, approvals.",
            "{\"type\":\"object\",\"properties\":{" + SESSION_ID + "," + SINCE + "},\"required\":[\"session_id\"]}",
            args -> Map.of("events", api.poll(req(args, "session_id"), lng(args, "since_seq"), OUTPUT_TYPES, Duration.ZERO))),
        tool(mapper, "send_input", "Send a session's agent a message (it starts the session if it was idle).",
            "{\"type\":\"object\",\"properties\":{" + SESSION_ID + ",\"text\":{\"type\":\"string\"}},"
                + "\"required\":[\"session_id\",\"text\"]}",
            args -> {
              var e = api.input(req(args, "session_id"), req(args, "text"), "mcp");
              return Map.of("ok", true, "seq", e.seq());
            }),
        tool(mapper, "answer_approval", "Allow or deny a pending approval (first answer wins). Optionally add a"
            + " standing rule in Claude Code syntax, e.g. Bash(npm test:*), for this session.",
            "{\"type\":\"object\",\"properties\":{\"approval_id\":{\"type\":\"string\"},"
                + "\"decision\":{\"type\":\"string\",\"enum\":[\"allow\",\"deny\"]},\"reason\":{\"type\":\"string\"},"
                + "\"choice\":{\"type\":\"string\",\"description\":\"The option picked, for a choice\"},"
                + "\"rule\":{\"type\":\"string\",\"description\":\"Also allow (or deny) matching requests from now on\"},"
                + "\"rule_duration\":{\"type\":\"string\",\"description\":\"How long the rule lasts, e.g. 30m\"}},"
                + "\"required\":[\"approval_id\",\"decision\"]}",
            args -> {
              JsonNode rule = null;
              if (str(args, "rule") != null) {
                var r = ControlJson.MAPPER.createObjectNode().put("pattern", str(args, "rule"));
                if (str(args, "rule_duration") != null) {
                  r.put("duration", str(args, "rule_duration"));
                }
                rule = r;
              }
              return api.decide(req(args, "approval_id"),
                  new DecisionRequest(req(args, "decision"), str(args, "reason"), str(args, "choice"), rule, "mcp"));
            }));
  }

  private static Object approvalResult(Approval a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("approval_id", a.id());
    out.put("status", a.status());
    if (a.status() == ApprovalStatus.PENDING) {
      out.put("message", "nobody has answered yet; the decision will arrive as approval_resolved (check_input)");
      out.put("expires_at", a.expiresAt());
    } else {
      out.put("decision", a.decision());
      out.put("allowed", a.status() == ApprovalStatus.ALLOWED);
      out.put("resolved_by", a.resolvedBy());
      if (a.reason() != null) {
        out.put("reason", a.reason());
      }
      if (a.choice() != null) {
        out.put("choice", a.choice());
      }
    }
    return out;
  }

  private static Tool tool(McpJsonMapper mapper, String name, String description, String schema,
      Function<Map<String, Object>, Object> body) {
    McpSchema.Tool declaration = McpSchema.Tool.builder().name(name).description(description)
        .inputSchema(mapper, schema).build();
    return new Tool(declaration, args -> {
      try {
        Object result = body.apply(args == null ? Map.of() : args);
        return McpSchema.CallToolResult.builder().addTextContent(ControlJson.write(result)).isError(false).build();
      } catch (ControlException e) {
        return McpSchema.CallToolResult.builder().addTextContent(ControlJson.write(Map.of("error",
            Map.of("code", e.code().wire(), "message", e.getMessage())))).isError(true).build();
      } catch (IllegalArgumentException e) {
        return McpSchema.CallToolResult.builder().addTextContent(ControlJson.write(Map.of("error",
            Map.of("code", "validation_error", "message", String.valueOf(e.getMessage()))))).isError(true).build();
      }
    });
  }

  private static String str(Map<String, Object> args, String... names) {
    for (String n : names) {
      Object v = args.get(n);
      if (v != null) {
        return v.toString();
      }
    }
    return null;
  }

  private static String req(Map<String, Object> args, String name) {
    String v = str(args, name);
    if (v == null || v.isBlank()) {
      throw ControlException.validation(name + " is required");
    }
    return v;
  }

  private static Double num(Map<String, Object> args, String name) {
    return args.get(name) instanceof Number n ? n.doubleValue() : null;
  }

  private static long lng(Map<String, Object> args, String name) {
    return args.get(name) instanceof Number n ? n.longValue() : 0;
  }

  private static Duration seconds(Map<String, Object> args, String name) {
    Double s = num(args, name);
    return s == null || s <= 0 ? Duration.ZERO : Duration.ofMillis(Math.round(s * 1000));
  }
}
