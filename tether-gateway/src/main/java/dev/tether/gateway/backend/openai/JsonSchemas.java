package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import java.util.Map;

/** Makes tool and output schemas acceptable to strict OpenAI-compatible servers. */
final class JsonSchemas {
  private JsonSchemas() {}

  /**
   * A copy of {@code schema} without {@code $schema} keywords, at any depth. Claude Code's schemas
   * declare draft 2020-12 and several servers (and grammar compilers) reject the keyword; everything
   * else is kept because it carries meaning. Names under {@code properties} are property names, not
   * keywords, so a property called {@code $schema} survives. A missing schema becomes an empty object
   * schema.
   */
  static ObjectNode sanitise(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      ObjectNode empty = Json.object();
      empty.put("type", "object");
      empty.putObject("properties");
      return empty;
    }
    ObjectNode copy = schema.deepCopy();
    strip(copy, false);
    return copy;
  }

  private static void strip(JsonNode node, boolean namesAreProperties) {
    if (node instanceof ObjectNode object) {
      if (!namesAreProperties) {
        object.remove("$schema");
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        boolean propertyMap =
            !namesAreProperties
                && (field.getKey().equals("properties")
                    || field.getKey().equals("patternProperties")
                    || field.getKey().equals("$defs")
                    || field.getKey().equals("definitions"));
        strip(field.getValue(), propertyMap);
      }
    } else if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        strip(item, false);
      }
    }
  }
}
