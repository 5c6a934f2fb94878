package dev.tether.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a "one of" type by its {@code type} property. Unknown {@code type} values become the
 * forward-compatible variant built by {@code unknown}, so a newer client never breaks an older server.
 */
public abstract class TypeSwitchDeserializer<T> extends StdDeserializer<T> {
  private final Map<String, Class<? extends T>> variants;
  private final Function<JsonNode, T> unknown;

  protected TypeSwitchDeserializer(
      Class<T> type, Map<String, Class<? extends T>> variants, Function<JsonNode, T> unknown) {
    super(type);
    this.variants = variants;
    this.unknown = unknown;
  }

  @Override
  public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = p.readValueAsTree();
    if (node == null || !node.isObject()) {
      return ctxt.reportInputMismatch(
          handledType(), "expected an object with a \"type\" field, got %s", describe(node));
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      return ctxt.reportInputMismatch(handledType(), "missing \"type\" field");
    }
    Class<? extends T> variant = variants.get(type.asText());
    if (variant == null) {
      return unknown.apply(node);
    }
    return p.getCodec().treeToValue(node, variant);
  }

  private static String describe(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
