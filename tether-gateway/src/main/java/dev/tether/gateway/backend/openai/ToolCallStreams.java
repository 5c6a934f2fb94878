package dev.tether.gateway.backend.openai;

import dev.tether.gateway.backend.blocks.BlockWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns OpenAI {@code delta.tool_calls} fragments into sequential tool_use blocks.
 *
 * <p>Calls are identified by {@code index}; the first fragment usually carries id and name, later
 * ones pieces of {@code arguments}. Anthropic blocks cannot interleave, so only one call streams at a
 * time: the first call's fragments go out as they arrive, later calls are buffered. A call is closed
 * early only when a later call has begun and its own arguments already form a complete JSON object
 * (nothing valid can follow); everything else is closed at the end. Correctness over liveness: a
 * server that interleaves fragments of several calls still yields complete, ordered blocks.
 */
final class ToolCallStreams {
  private static final Logger log = LoggerFactory.getLogger(ToolCallStreams.class);

  private final BlockWriter out;
  private final Map<Integer, Call> calls = new LinkedHashMap<>();
  private final Set<String> usedIds = new HashSet<>();
  private Call active;
  private int lastIndex = -1;

  ToolCallStreams(BlockWriter out) {
    this.out = out;
  }

  /** Whether any tool-call fragment has arrived. */
  boolean started() {
    return !calls.isEmpty();
  }

  /** Takes one chunk's {@code delta.tool_calls} array. */
  void accept(JsonNode toolCalls) {
    for (JsonNode fragment : toolCalls) {
      Call call = callFor(fragment);
      String id = fragment.path("id").asText("");
      if (call.id == null && !id.isEmpty()) {
        call.id = id;
      }
      JsonNode function = fragment.path("function");
      String name = function.path("name").asText("");
      if (call.name == null && !name.isEmpty()) {
        call.name = name;
      }
      JsonNode arguments = function.get("arguments");
      if (arguments != null && !arguments.isNull()) {
        // Some servers send arguments as an object instead of a JSON string.
        call.append(arguments.isTextual() ? arguments.asText() : arguments.toString());
      }
    }
    pump();
  }

  /** Ends the stream: writes every remaining call in order and closes it. */
  void finish() {
    for (Call call : calls.values()) {
      if (call.closed) {
        continue;
      }
      if (call != active) {
        if (call.name == null) {
          log.warn("upstream sent a tool call without a function name; dropping it");
          call.closed = true;
          continue;
        }
        begin(call);
      }
      drain(call);
      closeActive();
    }
  }

  private Call callFor(JsonNode fragment) {
    int index;
    if (fragment.has("index")) {
      index = fragment.get("index").asInt();
    } else {
      // Non-compliant servers omit the index: a new id means a new call, else it continues the last.
      String id = fragment.path("id").asText("");
      boolean known = calls.values().stream().anyMatch(c -> id.equals(c.id));
      index = !id.isEmpty() && !known || lastIndex < 0 ? calls.size() : lastIndex;
    }
    lastIndex = index;
    return calls.computeIfAbsent(index, i -> new Call());
  }

  /** Moves as far as the data allows: streams the active call, advances past completed ones. */
  private void pump() {
    while (true) {
      if (active == null) {
        Call next = firstOpenCall();
        if (next == null || next.name == null) {
          return; // nothing to stream yet, or the name may still come in a later fragment
        }
        begin(next);
      }
      drain(active);
      if (active.json.complete() && hasLaterCall(active)) {
        closeActive();
      } else {
        return;
      }
    }
  }

  private void begin(Call call) {
    String id = call.id;
    if (id == null || !usedIds.add(id)) {
      id = "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
      usedIds.add(id);
    }
    out.startToolUse(id, call.name);
    active = call;
  }

  private void drain(Call call) {
    if (!call.buffer.isEmpty()) {
      out.toolInput(call.buffer.toString());
      call.emitted = call.emitted || !call.buffer.toString().isBlank();
      call.buffer.setLength(0);
    }
  }

  private void closeActive() {
    if (!active.emitted) {
      out.toolInput("{}");
    }
    out.close();
    active.closed = true;
    active = null;
  }

  private Call firstOpenCall() {
    for (Call call : calls.values()) {
      if (!call.closed) {
        return call;
      }
    }
    return null;
  }

  private boolean hasLaterCall(Call call) {
    List<Call> order = new ArrayList<>(calls.values());
    return order.indexOf(call) < order.size() - 1;
  }

  /** One call's state; arguments wait in {@code buffer} until the call's block is open. */
  private static final class Call {
    String id;
    String name;
    final StringBuilder buffer = new StringBuilder();
    final JsonCompleteness json = new JsonCompleteness();
    boolean emitted;
    boolean closed;

    void append(String fragment) {
      if (closed) {
        if (!fragment.isBlank()) {
          log.warn("upstream sent arguments for a tool call that was already complete; ignoring them");
        }
        return;
      }
      buffer.append(fragment);
      json.feed(fragment);
    }
  }

  /** Tracks whether streamed JSON text has closed its outermost object or array. */
  static final class JsonCompleteness {
    private int depth;
    private boolean begun;
    private boolean inString;
    private boolean escaped;

    void feed(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (inString) {
          if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            inString = false;
          }
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
          begun = true;
        } else if (c == '}' || c == ']') {
          depth--;
        }
      }
    }

    boolean complete() {
      return begun && depth == 0 && !inString;
    }
  }
}
