package dev.tether.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How long a 60 KB Claude Code style prompt (system prose, tool schemas, source code, a
 * conversation) takes to tokenise. Prints the figures; asserts only that the tokens decode back, so
 * a slow shared build machine cannot fail it. Run alone for a quieter figure: {@code ./mvnw -pl
 * tether-engine test -Dtest=TokenizerSpeedTest}.
 */
class TokenizerSpeedTest {
  @Test
  void tokenisesASixtyKilobytePromptInMilliseconds() {
    String prompt = claudeCodeLikePrompt(60_000, 7);
    List<java.util.function.Supplier<Tokenizer>> kinds =
        List.of(() -> Vocabularies.tiny("qwen2"), () -> Vocabularies.tiny("llama"), Vocabularies::tinySentencePiece);
    for (var kind : kinds) {
      Tokenizer warmup = kind.get();
      long jvmCold = System.nanoTime();
      warmup.encode(prompt, true, true);
      jvmCold = System.nanoTime() - jvmCold;
      for (int i = 0; i < 5; i++) {
        kind.get().encode(prompt, true, true); // JIT warm-up with empty word caches
      }
      Tokenizer t = kind.get();
      String name = t.getClass().getSimpleName()
          + (t instanceof BytePairTokenizer b ? "/" + b.preTokenizer().name() : "");
      long cold = System.nanoTime();
      int[] ids = t.encode(prompt, true, true);
      cold = System.nanoTime() - cold;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 10; i++) {
        long start = System.nanoTime();
        t.encode(prompt, true, true);
        best = Math.min(best, System.nanoTime() - start);
      }
      System.out.printf(
          "%s: %,d chars -> %,d tokens (vocabulary of %d): first call in a fresh JVM %.1f ms,"
              + " compiled with an empty word cache %.1f ms, with the prompt's words cached %.1f ms%n",
          name, prompt.length(), ids.length, t.vocabularySize(), jvmCold / 1e6, cold / 1e6, best / 1e6);
      assertThat(t.decode(t.encode(prompt, false, true), true)).isEqualTo(prompt);
    }
  }

  /** Varied text in the proportions of a coding agent's prompt, with seeded random identifiers. */
  static String claudeCodeLikePrompt(int size, long seed) {
    Random r = new Random(seed);
    String[] words = (
        "the a to of and in is that for it with as on be this are by file code function you your can "
            + "use when not tool user should must if or from will command test run output error read "
            + "write edit search directory path project changes commit branch git task agent result")
        .split(" ");
    StringBuilder b = new StringBuilder(size + 1000);
    b.append("<|im_start|>system\nYou are Claude Code, an interactive CLI tool that helps users with "
        + "software engineering tasks. Use the instructions below and the tools available to you.\n");
    while (b.length() < size) {
      switch (r.nextInt(4)) {
        case 0 -> { // prose
          for (int s = 0; s < 5; s++) {
            int n = 6 + r.nextInt(14);
            for (int i = 0; i < n; i++) {
              String w = words[r.nextInt(words.length)];
              b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
              b.append(i + 1 < n ? " " : ". ");
            }
          }
          b.append("\n\n");
        }
        case 1 -> { // a tool schema
          String tool = identifier(r);
          b.append("{\"name\": \"").append(tool).append("\", \"description\": \"")
              .append(words[r.nextInt(words.length)]).append(' ').append(words[r.nextInt(words.length)])
              .append("\", \"input_schema\": {\"type\": \"object\", \"properties\": {\"")
              .append(identifier(r)).append("\": {\"type\": \"string\"}, \"")
              .append(identifier(r)).append("\": {\"type\": \"integer\", \"minimum\": ")
              .append(r.nextInt(1000)).append("}}, \"required\": [\"").append(tool).append("\"]}}\n");
        }
        case 2 -> { // source code
          String cls = identifier(r);
          b.append("```java\npublic final class ").append(Character.toUpperCase(cls.charAt(0)))
              .append(cls.substring(1)).append(" {\n");
          for (int m = 0; m < 3; m++) {
            String v = identifier(r);
            b.append("    private int ").append(v).append(" = ").append(r.nextInt(100_000)).append(";\n")
                .append("    public int ").append(identifier(r)).append("(String ").append(identifier(r))
                .append(") {\n        if (").append(v).append(" > 0 && ").append(v).append(" % 7 != 3) {\n")
                .append("            return ").append(v).append(" * 31 + 17; // ")
                .append(words[r.nextInt(words.length)]).append("\n        }\n        return -1;\n    }\n");
          }
          b.append("}\n```\n");
        }
        default -> { // a conversation turn with a tool result
          b.append("<|im_end|>\n<|im_start|>user\n<tool_response>\n");
          for (int l = 0; l < 6; l++) {
            b.append("src/main/java/dev/").append(identifier(r)).append('/').append(identifier(r))
                .append(".java:").append(r.nextInt(400)).append(":    ").append(identifier(r))
                .append("();\n");
          }
          b.append("</tool_response><|im_end|>\n<|im_start|>assistant\n");
        }
      }
    }
    return b.toString();
  }

  private static String identifier(Random r) {
    String[] parts = {"get", "set", "file", "path", "token", "cache", "read", "write", "model", "stream",
        "Handler", "Config", "Buffer", "Index", "Node", "Value", "Count", "Name", "Id", "State"};
    StringBuilder s = new StringBuilder(parts[r.nextInt(10)]);
    for (int i = r.nextInt(3); i >= 0; i--) {
      s.append(parts[10 + r.nextInt(10)]);
    }
    return s.toString();
  }
}
