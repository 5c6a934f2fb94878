package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Optional;

/**
 * A call between an opening and a closing marker: Hermes/Qwen {@code <tool_call>…</tool_call>},
 * bare Qwen3-Coder {@code <function=…>…</function>} and Gemma {@code ```tool_code…```}. The input
 * starts with the opening marker. Whatever does not turn into accepted calls is released as text:
 * the opening marker verbatim, and the rest scanned again, so later calls are still found.
 */
final class TaggedBlock implements Mode {
  private enum Kind {
    TOOL_CALL(Splitter.TOOL_CALL_OPEN, Splitter.TOOL_CALL_CLOSE),
    FUNCTION(Qwen3CoderParser.FUNCTION_OPEN, Qwen3CoderParser.FUNCTION_CLOSE),
    GEMMA(Splitter.GEMMA_OPEN, Splitter.GEMMA_CLOSE);

    final String open;
    final String close;

    Kind(String open, String close) {
      this.open = open;
      this.close = close;
    }
  }

  /** What the first characters after the opening marker say. */
  private enum Opening {
    PLAUSIBLE,
    UNDECIDED,
    IMPLAUSIBLE
  }

  private static final int MAX_FUNCTION_NAME = 128;

  private final Kind kind;
  private boolean plausible;
  private int searchFrom;

  private TaggedBlock(Kind kind) {
    this.kind = kind;
    this.searchFrom = kind.open.length();
  }

  static TaggedBlock toolCall() {
    return new TaggedBlock(Kind.TOOL_CALL);
  }

  static TaggedBlock function() {
    return new TaggedBlock(Kind.FUNCTION);
  }

  static TaggedBlock gemma() {
    return new TaggedBlock(Kind.GEMMA);
  }

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int open = kind.open.length();
    if (!plausible) {
      switch (opening(splitter, in, open)) {
        case PLAUSIBLE -> plausible = true;
        case UNDECIDED -> {
          if (!end && in.length() <= splitter.maxBlockChars) {
            return null;
          }
          return release(splitter);
        }
        case IMPLAUSIBLE -> {
          return release(splitter);
        }
      }
    }
    int close = in.indexOf(kind.close, searchFrom);
    if (close >= 0) {
      int stop = close + kind.close.length();
      if (stop > splitter.maxBlockChars) {
        return release(splitter);
      }
      return decide(splitter, parse(splitter, in.substring(0, stop), in.substring(open, close)), stop);
    }
    if (in.length() > splitter.maxBlockChars) {
      return release(splitter);
    }
    if (end) {
      // Unclosed at the end: still a call if what arrived parses completely.
      String all = in.substring(0, in.length());
      return decide(splitter, parse(splitter, all, all.substring(open)), in.length());
    }
    searchFrom = Math.max(open, in.length() - kind.close.length() + 1);
    return null;
  }

  private Mode decide(Splitter splitter, Optional<List<Segment.ToolCall>> calls, int consumed) {
    Optional<List<Segment.ToolCall>> accepted = splitter.accepted(calls);
    if (accepted.isEmpty()) {
      return release(splitter);
    }
    splitter.in.skip(consumed);
    splitter.calls(accepted.get());
    return new TextMode();
  }

  private Mode release(Splitter splitter) {
    splitter.text(splitter.in.take(kind.open.length()));
    return new TextMode();
  }

  /**
   * @param whole the block from the opening marker through the closing one (if it arrived)
   * @param content what lies between the markers
   */
  private Optional<List<Segment.ToolCall>> parse(Splitter splitter, String whole, String content) {
    return switch (kind) {
      case TOOL_CALL -> {
        String body = content.strip();
        if (body.startsWith(Qwen3CoderParser.FUNCTION_OPEN)) {
          yield splitter.has(ToolCallFormat.QWEN3_CODER)
              ? Qwen3CoderParser.parse(body)
              : Optional.empty();
        }
        yield splitter.has(ToolCallFormat.HERMES) ? Calls.fromJsonText(body) : Optional.empty();
      }
      case FUNCTION -> Qwen3CoderParser.parse(whole);
      case GEMMA -> PythonCallParser.parse(content);
    };
  }

  /** Rejects false alarms early, so prose that mentions a marker is not held until the end. */
  private Opening opening(Splitter splitter, Input in, int open) {
    return switch (kind) {
      case TOOL_CALL -> {
        int first = in.skipWhitespace(open);
        if (first == in.length()) {
          yield Opening.UNDECIDED;
        }
        char c = in.charAt(first);
        if (splitter.has(ToolCallFormat.HERMES) && (c == '{' || c == '[')) {
          yield Opening.PLAUSIBLE;
        }
        if (splitter.has(ToolCallFormat.QWEN3_CODER)) {
          if (in.startsWith(Qwen3CoderParser.FUNCTION_OPEN, first)) {
            yield Opening.PLAUSIBLE;
          }
          if (in.endsWithPrefixOf(Qwen3CoderParser.FUNCTION_OPEN, first)) {
            yield Opening.UNDECIDED;
          }
        }
        yield Opening.IMPLAUSIBLE;
      }
      case FUNCTION -> {
        for (int i = open; i < in.length(); i++) {
          char c = in.charAt(i);
          if (c == '>') {
            yield i > open ? Opening.PLAUSIBLE : Opening.IMPLAUSIBLE;
          }
          if (Character.isWhitespace(c) || c == '<' || i - open >= MAX_FUNCTION_NAME) {
            yield Opening.IMPLAUSIBLE;
          }
        }
        yield Opening.UNDECIDED;
      }
      case GEMMA -> {
        // The fence line must end right after the language tag.
        for (int i = open; i < in.length(); i++) {
          char c = in.charAt(i);
          if (c == '\n') {
            yield Opening.PLAUSIBLE;
          }
          if (c != ' ' && c != '\t' && c != '\r') {
            yield Opening.IMPLAUSIBLE;
          }
        }
        yield Opening.UNDECIDED;
      }
    };
  }
}
