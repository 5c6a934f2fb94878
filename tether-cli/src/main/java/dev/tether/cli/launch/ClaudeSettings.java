package dev.tether.cli.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Puts Tether's hook settings into claude's arguments. Claude merges one {@code --settings} over the
 * user's settings files, but a second {@code --settings} replaces the first (observed with 2.1.197), so
 * when the user passes their own (after {@code --} or in {@code claude.args}) the two are merged into one:
 * their object with Tether's hooks added to each event's list, so both run.
 */
public final class ClaudeSettings {
  private ClaudeSettings() {}

  /**
   * {@code args} with one {@code --settings} holding {@code ours} merged into any the user gave.
   *
   * @throws IllegalArgumentException when the user's settings are not a readable JSON object
   */
  public static List<String> withHooks(List<String> args, ObjectNode ours) {
    ObjectNode merged = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      if (a.equals("--settings") && i + 1 < args.size()) {
        value = args.get(++i);
      } else if (a.startsWith("--settings=")) {
        value = a.substring("--settings=".length());
      }
      if (value == null) {
        rest.add(a);
        continue;
      }
      ObjectNode theirs = read(value);
      merged = merged == null ? theirs : (ObjectNode) merge(merged, theirs);
    }
    ObjectNode result = merged == null ? ours.deepCopy() : addHooks(merged, ours);
    List<String> out = new ArrayList<>(List.of("--settings", result.toString()));
    out.addAll(rest);
    return out;
  }

  private static ObjectNode read(String value) {
    String text = value.strip();
    if (!text.startsWith("{")) {
      try {
        text = Files.readString(Path.of(text));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("cannot read claude's --settings file " + value + ": " + e.getMessage());
      }
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new IllegalArgumentException("claude's --settings " + value + " is not a JSON object");
  }

  /** {@code base} with {@code over}'s fields laid over it (a later {@code --settings} wins, as in claude). */
  private static JsonNode merge(ObjectNode base, ObjectNode over) {
    ObjectNode out = base.deepCopy();
    over.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
    return out;
  }

  /** {@code settings} with each of Tether's hook groups appended to the user's list for that event. */
  private static ObjectNode addHooks(ObjectNode settings, ObjectNode ours) {
    ObjectNode out = settings.deepCopy();
    JsonNode userHooks = out.get("hooks");
    ObjectNode hooks = userHooks instanceof ObjectNode o ? o : out.putObject("hooks");
    for (Iterator<Map.Entry<String, JsonNode>> it = ours.path("hooks").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> event = it.next();
      JsonNode existing = hooks.get(event.getKey());
      ArrayNode groups = existing instanceof ArrayNode a ? a : hooks.putArray(event.getKey());
      event.getValue().forEach(groups::add);
    }
    return out;
  }
}
