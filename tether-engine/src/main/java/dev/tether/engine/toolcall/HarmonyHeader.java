package dev.tether.engine.toolcall;

/**
 * The header of a gpt-oss harmony message, the part before {@code <|message|>}: e.g. {@code
 * <|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json}. The
 * recipient may sit in the role part ({@code assistant to=functions.x<|channel|>commentary}) or in
 * the channel part; both mean the same.
 *
 * @param channel {@code analysis}, {@code commentary}, {@code final}, or empty if none was named
 * @param recipient the {@code to=} target, e.g. {@code functions.get_weather}, or {@code null}
 */
record HarmonyHeader(String channel, String recipient) {
  static final String START = "<|start|>";
  static final String CHANNEL = "<|channel|>";
  static final String MESSAGE = "<|message|>";
  static final String CONSTRAIN = "<|constrain|>";
  static final String END = "<|end|>";
  static final String RETURN = "<|return|>";
  static final String CALL = "<|call|>";

  /** The longest header accepted; real ones are a few dozen characters. */
  static final int MAX_LENGTH = 256;

  private static final String[] LEAD_WORDS = {"analysis", "commentary", "final", "to="};

  /** What the start of an output says about a header without an opening token. */
  enum Lead {
    /** It starts like a header; hold it until {@code <|message|>} settles it. */
    LIKELY,
    /** Too short to tell yet. */
    UNDECIDED,
    /** Plain output. */
    NO
  }

  /**
   * Parses header text as found between the opening token (included, if any) and {@code
   * <|message|>}.
   */
  static HarmonyHeader parse(String header) {
    String text = header.replace(CONSTRAIN, " ");
    String rolePart;
    String channelPart;
    int channelAt = text.indexOf(CHANNEL);
    if (channelAt >= 0) {
      rolePart = text.substring(0, channelAt);
      channelPart = text.substring(channelAt + CHANNEL.length());
    } else if (text.startsWith(START)) {
      rolePart = text;
      channelPart = "";
    } else {
      // The prompt ended with "<|channel|>" (or with the role): what we see names the channel.
      rolePart = "";
      channelPart = text;
    }
    String recipient = recipient(channelPart);
    if (recipient == null) {
      recipient = recipient(rolePart);
    }
    String channel = "";
    for (String word : channelPart.strip().split("\\s+")) {
      if (!word.isEmpty() && !word.startsWith("to=")) {
        channel = word;
        break;
      }
    }
    return new HarmonyHeader(channel, recipient);
  }

  private static String recipient(String part) {
    for (String word : part.replace("<|", " <|").split("\\s+")) {
      if (word.startsWith("to=") && word.length() > 3) {
        return word.substring(3);
      }
    }
    return null;
  }

  /** The tool name a recipient addresses: {@code functions.NAME} means NAME. */
  String toolName() {
    return recipient.startsWith("functions.") ? recipient.substring("functions.".length()) : recipient;
  }

  /**
   * Whether header text may contain {@code c}. Headers are words, {@code to=a.b} recipients and
   * special tokens; anything else means what we took for a header is prose.
   */
  static boolean allowed(char c) {
    return Character.isLetterOrDigit(c) || " _.=-/<|>".indexOf(c) >= 0;
  }

  /** Looks at the start of an output for a header whose opening token was in the prompt. */
  static Lead lead(Input in) {
    int i = 0;
    while (i < in.length() && in.charAt(i) == ' ') {
      i++;
    }
    if (i == in.length()) {
      return Lead.UNDECIDED;
    }
    for (String word : LEAD_WORDS) {
      if (in.endsWithPrefixOf(word, i)) {
        return Lead.UNDECIDED;
      }
      if (in.startsWith(word, i)) {
        int after = i + word.length();
        if (word.endsWith("=")) {
          return Lead.LIKELY;
        }
        if (after == in.length()) {
          return Lead.UNDECIDED;
        }
        char next = in.charAt(after);
        // "final<|message|>" or "commentary to=…" are headers; "finally" is not.
        return next == ' ' || next == '<' ? Lead.LIKELY : Lead.NO;
      }
    }
    return Lead.NO;
  }
}
