package dev.tether.gateway.backend.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.engine.template.Value;
import dev.tether.engine.template.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jackson trees as template values, as Python's {@code json.loads} would give them: objects keep
 * their key order, integers stay ints, other numbers become floats.
 */
final class JsonValues {
  private JsonValues() {}

  static Value of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Value.NONE;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          entries.put(field.getKey(), of(field.getValue()));
        }
        yield Value.dict(entries);
      }
      case ARRAY -> {
        List<Value> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(of(item)));
        yield Value.list(items);
      }
      case STRING -> Value.str(node.textValue());
      case BOOLEAN -> Value.bool(node.booleanValue());
      case NUMBER -> node.isIntegralNumber() && node.canConvertToLong()
          ? Value.integer(node.longValue())
          : Values.of(node.doubleValue());
      default -> Value.str(node.asText());
    };
  }
}
