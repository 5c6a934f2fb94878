package dev.tether.gateway.backend.local;

import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.StreamEvent;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.runtime.TokenSink;
import dev.tether.engine.tokenizer.StreamingDecoder;
import dev.tether.engine.toolcall.Segment;
import dev.tether.engine.toolcall.ToolCallExtractor;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.blocks.BlockWriter;
import dev.tether.gateway.backend.blocks.StopSequences;
import java.util.List;
import java.util.UUID;

/**
 * Turns generated tokens into Anthropic content blocks as they come: token → text (whole UTF-8
 * characters only) → tool-call and reasoning extraction → stop sequences → blocks. Runs on the
 * generating thread; a client that went away turns the next token into a stop, never an exception
 * inside the engine.
 */
final class ReplyWriter implements TokenSink {
  private final StreamingDecoder decoder;
  private final ToolCallExtractor extractor;
  private final StopSequences stops;
  private final BlockWriter blocks;
  private String matchedStop;
  private ClientGoneException gone;

  ReplyWriter(StreamingDecoder decoder, ToolCallExtractor extractor, List<String> stopSequences, BlockWriter blocks) {
    this.decoder = decoder;
    this.extractor = extractor;
    this.stops = new StopSequences(stopSequences);
    this.blocks = blocks;
  }

  @Override
  public boolean accept(int token) {
    if (gone != null || matchedStop != null) {
      return false;
    }
    try {
      String text = decoder.next(token);
      return text.isEmpty() || segments(extractor.feed(text));
    } catch (ClientGoneException e) {
      gone = e;
      return false;
    }
  }

  /** The client's disconnection seen while writing, or null. */
  ClientGoneException gone() {
    return gone;
  }

  /** Whether a stop sequence ended the reply. */
  boolean stoppedBySequence() {
    return matchedStop != null;
  }

  /**
   * Flushes what is held back, closes the last block and writes {@code message_delta} and {@code
   * message_stop}.
   *
   * @param result how generation ended
   * @param usage the final counts
   * @param sink the backend's sink
   */
  void finish(GenerationResult result, Usage usage, EventSink sink) {
    if (matchedStop == null) {
      String rest = decoder.finish();
      boolean going = rest.isEmpty() || segments(extractor.feed(rest));
      if (going && segments(extractor.finish())) {
        String held = stops.flush();
        if (!held.isEmpty()) {
          blocks.text(held);
        }
      }
    }
    blocks.close();
    sink.accept(new StreamEvent.MessageDelta(stopReason(result), blocks.toolUsed() ? null : matchedStop, usage));
    sink.accept(new StreamEvent.MessageStop());
  }

  private StopReason stopReason(GenerationResult result) {
    if (blocks.toolUsed()) {
      return StopReason.TOOL_USE; // Claude Code runs tools only on tool_use
    }
    if (matchedStop != null) {
      return StopReason.STOP_SEQUENCE;
    }
    return switch (result.stop()) {
      case MAX_TOKENS, CONTEXT_FULL -> StopReason.MAX_TOKENS;
      case END_OF_TURN, STOPPED, CANCELLED -> StopReason.END_TURN;
    };
  }

  /** Writes decided segments; false once a stop sequence matched (generation must stop). */
  private boolean segments(List<Segment> segments) {
    for (Segment segment : segments) {
      switch (segment) {
        case Segment.Text text -> {
          StopSequences.Result result = stops.feed(text.text());
          if (!result.text().isEmpty()) {
            blocks.text(result.text());
          }
          if (result.matched() != null) {
            matchedStop = result.matched();
            return false;
          }
        }
        case Segment.Reasoning reasoning -> blocks.thinking(reasoning.text());
        case Segment.ToolCall call -> blocks.toolUse(
            "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), call.name(), call.argumentsJson());
      }
    }
    return true;
  }
}
