package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What an agent sends to ask: a tool call ({@code tool_name}, {@code tool_input}) or a free-form choice
 * ({@code title}, {@code description}, {@code options}); optionally its own {@code request_id} and a
 * timeout in seconds (default: the server's, 5 minutes).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalRequest(
    @JsonAlias("tool") String toolName,
    @JsonAlias("input") JsonNode toolInput,
    String title,
    String description,
    List<String> options,
    String requestId,
    @JsonAlias({"timeout", "timeout_s"}) Double timeoutSeconds) {

  /** A tool-call request. */
  public static ApprovalRequest tool(String toolName, JsonNode toolInput) {
    return new ApprovalRequest(toolName, toolInput, null, null, null, null, null);
  }
}
