package dev.tether.control.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assistant's words in a launched session's log: the gateway hands over the stream events of each
 * main-loop reply of a Claude Code session (by its own session id), and each text or thinking block
 * becomes {@code output} events ({@code kind} {@code text} or {@code thinking}) while it streams: what
 * has arrived goes out at most every {@link #CHUNK_EVERY}, with {@code final: false} while the block
 * goes on and {@code final: true} on its last piece, so a view joins consecutive pieces into one block.
 * Then the reply's token counts become a {@code usage} event. Tool calls are not taken from here: the
 * PreToolUse hook reports them with their approval.
 *
 * <p>Writes happen off the gateway's thread, in order per reply, so the client's stream never waits on
 * the log; a reply for an agent session no Tether session is bound to is ignored.
 */
public final class ReplyOutput {
  private static final Logger LOG = LoggerFactory.getLogger(ReplyOutput.class);
  /** How often a streaming block's text goes to the log (each piece is one durable write). */
  public static final java.time.Duration CHUNK_EVERY = java.time.Duration.ofSeconds(1);

  private final ControlService service;
  private final Executor writer = Executors.newVirtualThreadPerTaskExecutor();
  /** Agent session id → Tether session id, for sessions seen live. */
  private final Map<String, String> bound = new ConcurrentHashMap<>();

  public ReplyOutput(ControlService service) {
    this.service = service;
  }

  /** A reply for {@code agentSessionId} begins; never null, never throws. */
  public Reply open(String agentSessionId) {
    return new Reply(agentSessionId);
  }

  /** One reply being streamed. Not thread-safe: the gateway streams one reply on one thread. */
  public final class Reply {
    private final String agentSessionId;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    private String kind;
    private final StringBuilder text = new StringBuilder();
    private long lastFlush;
    /** Pieces of the open block sent so far. */
    private int pieces;
    private Usage usage;

    private Reply(String agentSessionId) {
      this.agentSessionId = agentSessionId;
    }

    public void event(StreamEvent event) {
      switch (event) {
        case StreamEvent.MessageStart s -> usage = s.message().usage();
        case StreamEvent.ContentBlockStart s -> {
          flush(true);
          lastFlush = System.nanoTime();
          kind = switch (s.contentBlock()) {
            case ContentBlock.Text t -> "text";
            case ContentBlock.Thinking t -> "thinking";
            default -> null;
          };
          if (s.contentBlock() instanceof ContentBlock.Text t && t.text() != null) {
            text.append(t.text());
          }
        }
        case StreamEvent.ContentBlockDelta d -> {
          if (kind != null) {
            switch (d.delta()) {
              case Delta.TextDelta t -> text.append(t.text());
              case Delta.ThinkingDelta t -> text.append(t.thinking());
              default -> { }
            }
            if (System.nanoTime() - lastFlush >= CHUNK_EVERY.toNanos()) {
              flush(false);
            }
          }
        }
        case StreamEvent.ContentBlockStop s -> flush(true);
        case StreamEvent.MessageDelta d -> usage = usage == null ? d.usage() : usage.merge(d.usage());
        default -> { }
      }
    }

    /** The reply ended (completely or not): what is left goes out, then its usage. */
    public void end() {
      flush(true);
      Usage u = usage;
      if (u != null) {
        ObjectNode data = JsonNodeFactory.instance.objectNode()
            .put("input_tokens", orZero(u.inputTokens()))
            .put("output_tokens", orZero(u.outputTokens()))
            .put("cache_read_input_tokens", orZero(u.cacheReadInputTokens()))
            .put("cache_creation_input_tokens", orZero(u.cacheCreationInputTokens()));
        write("usage", data);
      }
    }

    /** Sends what arrived of the open block; {@code last}: the block is over. */
    private void flush(boolean last) {
      lastFlush = System.nanoTime();
      boolean worth = last ? pieces > 0 || !text.toString().isBlank() : !text.isEmpty();
      if (kind != null && worth) {
        String body = text.toString();
        write("output", ControlJson.tree(new SessionEvent.Output(body, kind, last,
            List.of(new SessionEvent.Segment(kind, body, null)))));
        pieces++;
      }
      text.setLength(0);
      if (last) {
        kind = null;
        pieces = 0;
      }
    }

    private void write(String type, com.fasterxml.jackson.databind.JsonNode data) {
      chain = chain.thenRunAsync(() -> append(agentSessionId, type, data), writer);
    }
  }

  private void append(String agentSessionId, String type, com.fasterxml.jackson.databind.JsonNode data) {
    try {
      Optional<String> id = session(agentSessionId);
      if (id.isPresent()) {
        service.append(id.get(), type, data);
      }
    } catch (ControlException e) {
      bound.remove(agentSessionId); // ended or deleted: look again next time
      LOG.debug("reply of agent session {} not logged: {}", agentSessionId, e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("reply of agent session {} not logged", agentSessionId, e);
    }
  }

  private Optional<String> session(String agentSessionId) {
    String known = bound.get(agentSessionId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> found = service.agentSession(agentSessionId).map(Session::id);
    found.ifPresent(id -> bound.put(agentSessionId, id));
    return found;
  }

  private static long orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
