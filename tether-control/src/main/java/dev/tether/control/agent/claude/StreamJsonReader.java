package dev.tether.control.agent.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.agent.AgentRunner;
import dev.tether.control.agent.TurnOutput;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code claude -p --output-format stream-json --verbose}: one JSON object per line, {@code type}
 * {@code system} (subtype {@code init} names the session and model; {@code api_retry} and others are
 * notices), {@code assistant} and {@code user} (a whole message each, as in the Messages API), and a last
 * {@code result} with usage, {@code total_cost_usd} and {@code is_error}. The newest assistant text is
 * held back until something follows it, so the turn's last text can be marked final.
 */
final class StreamJsonReader implements AgentRunner.LineReader {
  private final ClaudeContent content = new ClaudeContent();
  private SessionEvent.Output heldText;

  @Override
  public List<TurnOutput> read(String line) {
    if (line.isBlank()) {
      return List.of();
    }
    JsonNode json;
    try {
      json = ControlJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return List.of(new TurnOutput.Notice("unreadable output line: " + ClaudeContent.clipLine(line)));
    }
    if (json == null || !json.isObject()) {
      return List.of(new TurnOutput.Notice("unreadable output line: " + ClaudeContent.clipLine(line)));
    }
    List<TurnOutput> out = new ArrayList<>();
    switch (json.path("type").asText()) {
      case "system" -> {
        if ("init".equals(json.path("subtype").asText()) && json.hasNonNull("session_id")) {
          out.add(new TurnOutput.Bound(json.get("session_id").asText(), json.path("model").asText(null)));
        } else {
          out.add(new TurnOutput.Notice("system " + json.path("subtype").asText("?")
              + (json.has("error") ? ": " + json.get("error").asText() : "")));
        }
      }
      case "assistant" -> {
        for (SessionEvent e : content.assistant(json.path("message"))) {
          SessionEvent.Output o = (SessionEvent.Output) e;
          flush(out, false);
          if ("step".equals(o.kind())) {
            heldText = o;
          } else {
            out.add(new TurnOutput.Said(o));
          }
        }
      }
      case "user" -> {
        for (SessionEvent e : content.user(json.path("message"), false)) {
          flush(out, false);
          out.add(new TurnOutput.Said((SessionEvent.Output) e));
        }
      }
      case "result" -> {
        flush(out, true);
        out.add(finished(json));
      }
      default -> { }  // stream_event (partial messages), control messages: not needed here
    }
    return out;
  }

  private void flush(List<TurnOutput> out, boolean last) {
    if (heldText != null) {
      out.add(new TurnOutput.Said(last ? new SessionEvent.Output(heldText.text(), "final", true, null) : heldText));
      heldText = null;
    }
  }

  private static TurnOutput.Finished finished(JsonNode result) {
    JsonNode u = result.path("usage");
    Usage usage = u.isObject() || result.has("total_cost_usd")
        ? new Usage(u.path("input_tokens").asLong(), u.path("output_tokens").asLong(),
            u.path("cache_read_input_tokens").asLong(), u.path("cache_creation_input_tokens").asLong(),
            result.path("total_cost_usd").asDouble())
        : null;
    String subtype = result.path("subtype").asText("success");
    boolean failed = result.path("is_error").asBoolean(false) || !"success".equals(subtype);
    if (!failed) {
      return new TurnOutput.Finished(usage, null, null);
    }
    String why = result.hasNonNull("result") ? result.get("result").asText()
        : result.has("errors") ? ControlJson.write(result.get("errors")) : subtype;
    return new TurnOutput.Finished(usage, "claude ended the turn with " + subtype + ": " + ClaudeContent.clipLine(why),
        "CLAUDE_RESULT_ERROR");
  }
}
