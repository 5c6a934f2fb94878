package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Set;

/**
 * Splits streamed model text into text, reasoning and tool-call segments. Feed chunks as they come;
 * text that might be the start of a tool-call marker is held back until it is decided.
 *
 * <p>Guarantees: the segments do not depend on how the output was cut into chunks (apart from how
 * adjacent text is split into {@link Segment.Text} pieces); output that does not turn into an
 * accepted call is never lost but comes out as text; only a possible marker (a few characters) is
 * held back from plain text, while a call that has opened is held until it closes (at most {@link
 * Options#maxBlockChars()} characters, after which it is released as text).
 *
 * <p>Not thread-safe: one extractor per generated message.
 */
public final class ToolCallExtractor {
  /**
   * Tuning for an extractor.
   *
   * @param startsInReasoning the prompt already opened a reasoning block (Qwen3 and DeepSeek-R1
   *     templates end with {@code <think>}), so output up to {@code </think>} is reasoning
   * @param maxBlockChars how long an opened but unfinished call may grow before it is given up and
   *     released as text
   */
  public record Options(boolean startsInReasoning, int maxBlockChars) {
    /** Large enough for a call that writes a whole source file. */
    public static final int DEFAULT_MAX_BLOCK_CHARS = 8 << 20;

    /** Validates the limits. */
    public Options {
      if (maxBlockChars < 64) {
        throw new IllegalArgumentException("maxBlockChars must be at least 64: " + maxBlockChars);
      }
    }

    /** Output starts as plain text; default block limit. */
    public static Options defaults() {
      return new Options(false, DEFAULT_MAX_BLOCK_CHARS);
    }

    /** A copy with {@link #startsInReasoning()} set. */
    public Options withStartsInReasoning(boolean value) {
      return new Options(value, maxBlockChars);
    }

    /** A copy with {@link #maxBlockChars()} set. */
    public Options withMaxBlockChars(int value) {
      return new Options(startsInReasoning, value);
    }
  }

  private final Splitter splitter;

  /**
   * @param formats the conventions to recognise
   * @param toolNames the names of the tools offered (calls to other names stay text); empty = any
   */
  public ToolCallExtractor(Set<ToolCallFormat> formats, Set<String> toolNames) {
    this(formats, toolNames, Options.defaults());
  }

  /**
   * @param formats the conventions to recognise
   * @param toolNames the names of the tools offered (calls to other names stay text); empty = any
   * @param options see {@link Options}
   */
  public ToolCallExtractor(
      Set<ToolCallFormat> formats, Set<String> toolNames, Options options) {
    this.splitter = new Splitter(formats, toolNames, options);
  }

  /** An extractor that recognises every known format. */
  public static ToolCallExtractor anyFormat(Set<String> toolNames) {
    return new ToolCallExtractor(Set.of(ToolCallFormat.values()), toolNames);
  }

  /** An extractor that recognises every known format, with options. */
  public static ToolCallExtractor anyFormat(Set<String> toolNames, Options options) {
    return new ToolCallExtractor(Set.of(ToolCallFormat.values()), toolNames, options);
  }

  /**
   * Takes the next chunk of text; returns the segments that are now decided, in order.
   *
   * @throws IllegalStateException after {@link #finish()}
   */
  public List<Segment> feed(String chunk) {
    return splitter.run(chunk, false);
  }

  /**
   * Ends the stream; returns whatever was held back, decided.
   *
   * @throws IllegalStateException if called twice
   */
  public List<Segment> finish() {
    return splitter.run("", true);
  }
}
