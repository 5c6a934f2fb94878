package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds chat.completion.chunk SSE lines back into one chat.completion, the way OpenAI SDK helpers
 * do: strings concatenated, tool calls gathered by index. Test-side, to check the stream against the
 * non-streaming translation.
 */
final class ChunkAccumulator {
  private ChunkAccumulator() {}

  static ObjectNode fold(List<String> lines) {
    ObjectNode completion = Json.object();
    StringBuilder content = null;
    StringBuilder reasoning = null;
    String role = null;
    String finishReason = null;
    JsonNode usage = null;
    Map<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
    boolean done = false;
    for (String line : lines) {
      if (!line.startsWith("data: ") || !line.endsWith("\n\n")) {
        throw new AssertionError("not an SSE data line: " + line);
      }
      String data = line.substring(6, line.length() - 2);
      if (data.equals("[DONE]")) {
        done = true;
        continue;
      }
      if (done) {
        throw new AssertionError("chunk after [DONE]");
      }
      JsonNode chunk = json(data);
      completion.put("id", chunk.get("id").asText());
      completion.put("model", chunk.get("model").asText());
      if (chunk.has("usage")) {
        usage = chunk.get("usage");
      }
      for (JsonNode choice : chunk.get("choices")) {
        JsonNode delta = choice.get("delta");
        if (delta.has("role")) {
          role = delta.get("role").asText();
        }
        if (delta.has("content")) {
          content = (content == null ? new StringBuilder() : content).append(delta.get("content").asText());
        }
        if (delta.has("reasoning_content")) {
          reasoning = (reasoning == null ? new StringBuilder() : reasoning)
              .append(delta.get("reasoning_content").asText());
        }
        for (JsonNode call : delta.path("tool_calls")) {
          String[] acc = calls.computeIfAbsent(call.get("index").asInt(), i -> new String[] {null, null, ""});
          if (call.has("id")) {
            acc[0] = call.get("id").asText();
          }
          JsonNode function = call.path("function");
          if (function.has("name")) {
            acc[1] = function.get("name").asText();
          }
          acc[2] += function.path("arguments").asText("");
        }
        if (!choice.get("finish_reason").isNull()) {
          finishReason = choice.get("finish_reason").asText();
        }
      }
    }
    if (!done) {
      throw new AssertionError("stream did not end with [DONE]");
    }
    ObjectNode message = completion.putObject("message");
    message.put("role", role);
    // The first chunk's empty content is a placeholder; a reply without text has null content.
    if (content == null || content.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", content.toString());
    }
    if (reasoning != null) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!calls.isEmpty()) {
      var list = message.putArray("tool_calls");
      calls.values().forEach(c -> {
        ObjectNode call = list.addObject();
        call.put("id", c[0]);
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", c[1]);
        // Fragments need not be byte-identical to the whole reply's JSON; what they encode must be.
        function.set("arguments", json(c[2]));
      });
    }
    completion.put("finish_reason", finishReason);
    completion.set("usage", usage);
    return completion;
  }

  /** The same view of a non-streaming chat.completion, arguments parsed for comparison. */
  static ObjectNode view(ObjectNode chatCompletion) {
    ObjectNode view = Json.object();
    view.put("id", chatCompletion.get("id").asText());
    view.put("model", chatCompletion.get("model").asText());
    ObjectNode message = chatCompletion.at("/choices/0/message").deepCopy();
    for (JsonNode call : message.path("tool_calls")) {
      ObjectNode function = (ObjectNode) call.get("function");
      function.set("arguments", json(function.get("arguments").asText()));
    }
    view.set("message", message);
    view.put("finish_reason", chatCompletion.at("/choices/0/finish_reason").asText());
    view.set("usage", chatCompletion.get("usage"));
    return view;
  }
}
