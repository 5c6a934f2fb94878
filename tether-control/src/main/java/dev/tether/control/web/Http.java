package dev.tether.control.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Small helpers for reading requests and writing JSON answers. */
final class Http {
  static final String CLIENT_HEADER = "X-Tether-Client";

  private Http() {}

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(ControlJson.write(body));
  }

  /** The body as a JSON tree; an empty body is an empty object. 400 for malformed JSON. */
  static JsonNode tree(Context ctx) {
    String body = ctx.body();
    if (body.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return ControlJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ControlException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The body as an object of {@code type}; 400 for malformed JSON, 422 for a wrong shape. */
  static <T> T body(Context ctx, Class<T> type) {
    JsonNode tree = tree(ctx);
    if (!tree.isObject()) {
      throw ControlException.badRequest("request body must be a JSON object");
    }
    try {
      return ControlJson.MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw ControlException.validation(e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw ControlException.validation(e.getMessage());
    }
  }

  /** The first present query parameter of {@code names}, or null. */
  static String query(Context ctx, String... names) {
    for (String name : names) {
      String v = ctx.queryParam(name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  static long longParam(Context ctx, long fallback, String... names) {
    String v = query(ctx, names);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ControlException.validation(names[0] + " must be a whole number, not " + v);
    }
  }

  static int intParam(Context ctx, int fallback, String... names) {
    long v = longParam(ctx, fallback, names);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw ControlException.validation(names[0] + " is out of range");
    }
    return (int) v;
  }

  /** {@code ?wait=S} (seconds, fractions allowed) as a duration; zero when absent. */
  static Duration waitParam(Context ctx) {
    String v = query(ctx, "wait", "timeout");
    if (v == null) {
      return Duration.ZERO;
    }
    try {
      double seconds = Double.parseDouble(v);
      if (!(seconds >= 0)) {
        throw ControlException.validation("wait must not be negative");
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw ControlException.validation("wait must be a number of seconds, not " + v);
    }
  }

  static boolean boolParam(Context ctx, String name) {
    String v = query(ctx, name);
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
  }

  /** A comma-separated list parameter, or null when absent. */
  static Set<String> listParam(Context ctx, String name) {
    String v = query(ctx, name);
    if (v == null) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  /** Who is acting: the body's {@code by}, else the {@code X-Tether-Client} header, else {@code api}. */
  static String by(Context ctx, JsonNode body) {
    if (body != null && body.hasNonNull("by") && body.get("by").isTextual() && !body.get("by").asText().isBlank()) {
      return body.get("by").asText().strip();
    }
    String header = ctx.header(CLIENT_HEADER);
    return header != null && !header.isBlank() ? header.strip() : "api";
  }

  static String text(JsonNode body, String... fields) {
    for (String f : fields) {
      if (body != null && body.hasNonNull(f)) {
        JsonNode v = body.get(f);
        if (!v.isTextual()) {
          throw ControlException.validation(f + " must be a string");
        }
        return v.asText();
      }
    }
    return null;
  }
}
