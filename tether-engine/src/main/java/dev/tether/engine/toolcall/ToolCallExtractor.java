package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Set;

/**
 * Splits streamed model text into text, reasoning and tool-call segments. Feed chunks as they come;
 * text that might be the start of a tool-call marker is held back until it is decided.
 *
 * <p>Not thread-safe: one extractor per generated message.
 */
public final class ToolCallExtractor {
  private final Set<ToolCallFormat> formats;
  private final Set<String> toolNames;

  /**
   * @param formats the conventions to recognise
   * @param toolNames the names of the tools offered (calls to other names stay text); empty = any
   */
  public ToolCallExtractor(Set<ToolCallFormat> formats, Set<String> toolNames) {
    this.formats = Set.copyOf(formats);
    this.toolNames = Set.copyOf(toolNames);
  }

  /** An extractor that recognises every known format. */
  public static ToolCallExtractor anyFormat(Set<String> toolNames) {
    return new ToolCallExtractor(Set.of(ToolCallFormat.values()), toolNames);
  }

  /** Takes the next chunk of text; returns the segments that are now decided, in order. */
  public List<Segment> feed(String chunk) {
    // Placeholder until the parsers land: everything is text.
    return chunk.isEmpty() ? List.of() : List.of(new Segment.Text(chunk));
  }

  /** Ends the stream; returns whatever was held back, decided. */
  public List<Segment> finish() {
    return List.of();
  }
}
