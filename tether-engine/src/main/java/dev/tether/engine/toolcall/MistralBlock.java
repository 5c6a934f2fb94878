package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Optional;

/**
 * Mistral calls after {@code [TOOL_CALLS]}: either a JSON array of call objects (older
 * tokenizers) or {@code NAME[ARGS]{…}} (newer ones, optionally {@code NAME[CALL_ID]id[ARGS]{…}}).
 * The block ends where the JSON closes. The input starts with {@code [TOOL_CALLS]}.
 */
final class MistralBlock implements Mode {
  private static final String ARGS = "[ARGS]";
  private static final String CALL_ID = "[CALL_ID]";
  private static final int MAX_HEAD = 256;
  /** {@link #head} results that are not an index. */
  private static final int UNDECIDED = -1;

  private static final int INVALID = -2;

  private String name;
  private JsonExtent json;

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    if (json == null) {
      int start = head(in);
      if (start == UNDECIDED && !end) {
        return null;
      }
      if (start < 0) {
        return release(splitter);
      }
      json = new JsonExtent(start);
    }
    int stop = json.advance(in);
    if (stop == JsonExtent.MORE) {
      if (end || in.length() > splitter.maxBlockChars) {
        return release(splitter);
      }
      return null;
    }
    if (stop == JsonExtent.INVALID || stop > splitter.maxBlockChars) {
      return release(splitter);
    }
    String text = in.substring(json.start(), stop);
    Optional<List<Segment.ToolCall>> calls =
        name == null
            ? Calls.fromJsonText(text)
            : Calls.argumentsFromText(text).map(args -> List.of(new Segment.ToolCall(name, args)));
    Optional<List<Segment.ToolCall>> accepted = splitter.accepted(calls);
    if (accepted.isEmpty()) {
      return release(splitter);
    }
    in.skip(stop);
    splitter.calls(accepted.get());
    return new TextMode();
  }

  /**
   * Reads what precedes the JSON and returns the index where the JSON starts; sets {@link #name}
   * for the {@code NAME[ARGS]} form.
   */
  private int head(Input in) {
    int i = in.skipWhitespace(Splitter.MISTRAL_OPEN.length());
    if (i == in.length()) {
      return in.length() > MAX_HEAD ? INVALID : UNDECIDED;
    }
    if (in.charAt(i) == '[') {
      return i;
    }
    int nameStart = i;
    while (i < in.length() && isNameChar(in.charAt(i))) {
      i++;
    }
    if (i - nameStart > MAX_HEAD || (i < in.length() && i == nameStart)) {
      return INVALID;
    }
    if (i == in.length()) {
      return UNDECIDED;
    }
    String callName = in.substring(nameStart, i);
    if (in.startsWith(CALL_ID, i)) {
      i += CALL_ID.length();
      int idStart = i;
      while (i < in.length() && isNameChar(in.charAt(i))) {
        i++;
      }
      if (i - idStart > MAX_HEAD) {
        return INVALID;
      }
      if (i == in.length()) {
        return UNDECIDED;
      }
    } else if (in.endsWithPrefixOf(CALL_ID, i)) {
      return UNDECIDED;
    }
    if (!in.startsWith(ARGS, i)) {
      return in.endsWithPrefixOf(ARGS, i) ? UNDECIDED : INVALID;
    }
    int start = in.skipWhitespace(i + ARGS.length());
    if (start == in.length()) {
      return UNDECIDED;
    }
    name = callName;
    return start;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  private Mode release(Splitter splitter) {
    splitter.text(splitter.in.take(Splitter.MISTRAL_OPEN.length()));
    return new TextMode();
  }
}
