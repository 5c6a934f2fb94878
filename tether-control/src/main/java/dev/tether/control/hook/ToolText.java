package dev.tether.control.hook;

import com.fasterxml.jackson.databind.JsonNode;

/** Short human text for a tool call and its result, for output events (views never parse tool JSON). */
final class ToolText {
  /** Longest text kept of a tool's input or result; the whole is in claude's transcript. */
  static final int MAX = 8000;

  private ToolText() {}

  /** The gist of a call: a Bash command, a file path, a search pattern, a URL, else the input as JSON. */
  static String call(String toolName, JsonNode input) {
    if (input == null || input.isNull()) {
      return "";
    }
    for (String field : new String[] {"command", "file_path", "notebook_path", "path", "pattern", "url", "query",
        "description", "prompt"}) {
      JsonNode v = input.get(field);
      if (v != null && v.isTextual() && !v.asText().isBlank()) {
        return clip(v.asText());
      }
    }
    return clip(input.toString());
  }

  /** A result as text: stdout and stderr of Bash, a file's content, plain text, else JSON. */
  static String result(JsonNode response) {
    if (response == null || response.isNull()) {
      return "";
    }
    if (response.isTextual()) {
      return clip(response.asText());
    }
    if (response.has("stdout") || response.has("stderr")) {
      String out = response.path("stdout").asText("");
      String err = response.path("stderr").asText("");
      return clip(err.isEmpty() ? out : out.isEmpty() ? err : out + "\n" + err);
    }
    JsonNode file = response.get("file");
    if (file != null && file.path("content").isTextual()) {
      return clip(file.get("content").asText());
    }
    if (response.path("content").isTextual()) {
      return clip(response.get("content").asText());
    }
    return clip(response.toString());
  }

  static String clip(String text) {
    return text.length() <= MAX ? text : text.substring(0, MAX) + "… (" + (text.length() - MAX) + " more characters)";
  }
}
