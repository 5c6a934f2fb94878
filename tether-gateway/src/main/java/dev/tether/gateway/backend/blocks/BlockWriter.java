package dev.tether.gateway.backend.blocks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.EventSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes content blocks into the sink with a strict lifecycle: start, deltas, stop, at indices
 * 0, 1, 2… with at most one block open. Clients fail with "Content block not found" on any
 * deviation, so every block event goes through here.
 *
 * <p>Text and thinking blocks open only once non-whitespace arrives: the real API rejects empty
 * text blocks when the client sends the turn back.
 */
public final class BlockWriter {
  private enum Open { NONE, TEXT, THINKING, TOOL_USE }

  private final EventSink sink;
  private Open open = Open.NONE;
  private int index = -1;
  private final StringBuilder pendingText = new StringBuilder();
  private final StringBuilder pendingThinking = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private boolean toolUsed;

  public BlockWriter(EventSink sink) {
    this.sink = sink;
  }

  /** Appends visible text, opening a text block when needed. */
  public void text(String text) {
    if (open == Open.TEXT) {
      delta(new Delta.TextDelta(text));
      return;
    }
    pendingText.append(text);
    if (!pendingText.toString().isBlank()) {
      start(new ContentBlock.Text("", null, null), Open.TEXT);
      String first = pendingText.toString().stripLeading();
      pendingText.setLength(0);
      delta(new Delta.TextDelta(first));
    }
  }

  /** Appends reasoning, opening a thinking block when needed. */
  public void thinking(String text) {
    if (open == Open.THINKING) {
      thinking.append(text);
      delta(new Delta.ThinkingDelta(text));
      return;
    }
    pendingThinking.append(text);
    if (!pendingThinking.toString().isBlank()) {
      start(new ContentBlock.Thinking("", null), Open.THINKING);
      String first = pendingThinking.toString().stripLeading();
      pendingThinking.setLength(0);
      thinking.setLength(0);
      thinking.append(first);
      delta(new Delta.ThinkingDelta(first));
    }
  }

  /** Opens a tool_use block; its input follows as {@link #toolInput} fragments. */
  public void startToolUse(String id, String name) {
    ObjectNode empty = Json.object();
    start(new ContentBlock.ToolUse(id, name, empty), Open.TOOL_USE);
    toolUsed = true;
  }

  /** Appends a fragment of the open tool_use block's input JSON. */
  public void toolInput(String fragment) {
    if (open != Open.TOOL_USE) {
      throw new IllegalStateException("tool input without an open tool_use block");
    }
    delta(new Delta.InputJsonDelta(fragment));
  }

  /** A whole tool call at once: start, its input, stop. */
  public void toolUse(String id, String name, String argumentsJson) {
    startToolUse(id, name);
    toolInput(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
    close();
  }

  /** Closes the open block, if any; a thinking block gets its signature first. */
  public void close() {
    switch (open) {
      case NONE -> {
        return;
      }
      case THINKING -> delta(new Delta.SignatureDelta(signature(thinking.toString())));
      case TEXT, TOOL_USE -> {}
    }
    sink.accept(new StreamEvent.ContentBlockStop(index));
    open = Open.NONE;
  }

  /** Whether any tool_use block was written. */
  public boolean toolUsed() {
    return toolUsed;
  }

  private void start(ContentBlock block, Open kind) {
    close();
    index++;
    sink.accept(new StreamEvent.ContentBlockStart(index, block));
    open = kind;
  }

  private void delta(Delta delta) {
    sink.accept(new StreamEvent.ContentBlockDelta(index, delta));
  }

  /**
   * An opaque, non-empty signature. Clients require one on every thinking block and send it back;
   * upstreams never check it, so a digest of the text is enough and keeps replays stable.
   */
  private static String signature(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "tether." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
