package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the model may call. {@code type} is absent (or {@code custom}) for client tools; other
 * values name Anthropic server tools ({@code web_search_20250305}, …) that local backends cannot run.
 */
public record Tool(
    String type,
    String name,
    String description,
    @JsonProperty("input_schema") JsonNode inputSchema,
    @JsonProperty("cache_control") JsonNode cacheControl) {

  public Tool(String name, String description, JsonNode inputSchema) {
    this(null, name, description, inputSchema, null);
  }

  /** Whether this is a client tool (one the caller runs), as opposed to a server tool. */
  public boolean isClientTool() {
    return type == null || "custom".equals(type);
  }
}
