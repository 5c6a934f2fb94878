package dev.tether.cli.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;

/** The type of a configuration value: how it is read from TOML and from text (flags, environment) and written back. */
public enum Kind {
  STRING("a string"),
  INTEGER("an integer"),
  BOOLEAN("true or false"),
  SIZE("a size like \"18GB\" or \"20GiB\""),
  TOKENS("a token count like \"64k\" or 32768"),
  DURATION("a duration like \"30s\" or \"10m\""),
  STRINGS("a list of strings");

  private final String expected;

  Kind(String expected) {
    this.expected = expected;
  }

  /** What a value of this kind looks like, for error messages. */
  public String expected() {
    return expected;
  }

  /** Converts a value as tomlj returns it (String, Long, Double, Boolean, TomlArray, …). */
  Object fromToml(Object raw) {
    return switch (this) {
      case STRING -> requireType(raw, String.class);
      case INTEGER -> {
        long n = requireType(raw, Long.class);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("must be " + expected + " that fits 32 bits, got " + n);
        }
        yield (int) n;
      }
      case BOOLEAN -> requireType(raw, Boolean.class);
      case SIZE -> raw instanceof Long n ? n : Units.parseBytes(requireType(raw, String.class));
      case TOKENS -> raw instanceof Long n ? Math.toIntExact(n) : Units.parseTokens(requireType(raw, String.class));
      case DURATION -> raw instanceof Long n ? Duration.ofSeconds(n) : Units.parseDuration(requireType(raw, String.class));
      case STRINGS -> {
        TomlArray array = requireType(raw, TomlArray.class);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          if (!(array.get(i) instanceof String s)) {
            throw new IllegalArgumentException("must be " + expected + ", but item " + (i + 1) + " is not a string");
          }
          list.add(s);
        }
        yield List.copyOf(list);
      }
    };
  }

  /** Converts text from an environment variable or a flag; lists are comma-separated. */
  Object fromText(String text) {
    return switch (this) {
      case STRING -> text;
      case INTEGER -> {
        try {
          yield Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must be " + expected + ", got '" + text + "'");
        }
      }
      case BOOLEAN -> switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off", "" -> false;
        default -> throw new IllegalArgumentException("must be " + expected + ", got '" + text + "'");
      };
      case SIZE -> Units.parseBytes(text);
      case TOKENS -> Units.parseTokens(text);
      case DURATION -> Units.parseDuration(text);
      case STRINGS -> text.isBlank() ? List.of() : List.of(text.split("\\s*,\\s*"));
    };
  }

  /** The value as TOML text. */
  String toToml(Object value) {
    return switch (this) {
      case STRING -> quote((String) value);
      case INTEGER, BOOLEAN -> String.valueOf(value);
      case SIZE -> quote(Units.formatBytes((Long) value).replace(" ", ""));
      case TOKENS -> (Integer) value >= 1024 && (Integer) value % 1024 == 0
          ? quote(Units.formatTokens((Integer) value)) : String.valueOf(value);
      case DURATION -> quote(Units.formatDuration((Duration) value));
      case STRINGS -> ((List<?>) value).stream().map(v -> quote((String) v))
          .collect(Collectors.joining(", ", "[", "]"));
    };
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private <T> T requireType(Object raw, Class<T> type) {
    if (!type.isInstance(raw)) {
      throw new IllegalArgumentException("must be " + expected + ", got " + describe(raw));
    }
    return type.cast(raw);
  }

  private static String describe(Object raw) {
    return switch (raw) {
      case String s -> "the string \"" + s + "\"";
      case Long n -> "the integer " + n;
      case Double d -> "the number " + d;
      case Boolean b -> "the boolean " + b;
      case TomlArray a -> "an array";
      case org.tomlj.TomlTable t -> "a table";
      default -> "a " + raw.getClass().getSimpleName();
    };
  }
}
