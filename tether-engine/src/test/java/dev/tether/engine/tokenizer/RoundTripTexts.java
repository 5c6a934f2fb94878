package dev.tether.engine.tokenizer;

import java.util.List;

/** Texts every tokenizer must encode and decode back unchanged. */
final class RoundTripTexts {
  private RoundTripTexts() {}

  static final List<String> TEXTS =
      List.of(
          "",
          " ",
          "Hello world!",
          "  leading and trailing spaces  ",
          "tabs\tand\t\tnewlines\n\n\r\n\n   indented",
          "public static void main(String[] args) {\n    System.out.println(\"hi\");\n}\n",
          "def f(x):\n\treturn x ** 2  # comment\n",
          "{\"name\": \"Bash\", \"input\": {\"command\": \"ls -la /tmp\"}}",
          "Ünïcödé ñandú Straße café naïve",
          "日本語のテキストと中文，한국어",
          "emoji 🎉👍🏽🇫🇷 and ZWJ 👩‍💻 sequences",
          "math ∑∫√ ≤ ≥ ≠ and symbols © ® ™ €",
          "mixed123numbers 3.14159 1,000,000",
          "I'll say it's THEIR'S, we'VE done",
          "\u00a0no-break\u3000ideographic\u2003em",
          "control \u0001\u0007 chars and NUL \u0000 too",
          "<|im_start|> written by a user, not a control token",
          "a\u0301 combining e\u0308",
          "\ud83d\ude00\ud83d\ude01\ud83d\ude02");
}
