package dev.tether.gateway.routing;

import java.util.regex.Pattern;

/**
 * A routing rule: requests whose model name matches {@code glob} ({@code *} any run, {@code ?} one
 * character; case-insensitive) go to {@code backend}, asking it for {@code model} instead when set.
 */
public record Route(String glob, String backend, String model) {
  public Route {
    if (glob == null || glob.isBlank()) {
      throw new IllegalArgumentException("route glob must not be empty");
    }
    if (backend == null || backend.isBlank()) {
      throw new IllegalArgumentException("route " + glob + " names no backend");
    }
  }

  /**
   * Parses {@code GLOB=BACKEND} or {@code GLOB=BACKEND:MODEL}, the form of {@code --route}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Route parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException(
          "route '" + spec + "' must look like GLOB=BACKEND or GLOB=BACKEND:MODEL, e.g. 'claude-*haiku*=openai:qwen2.5-coder:1.5b'");
    }
    String target = spec.substring(eq + 1);
    int colon = target.indexOf(':');
    return colon < 0
        ? new Route(spec.substring(0, eq), target, null)
        : new Route(spec.substring(0, eq), target.substring(0, colon), target.substring(colon + 1));
  }

  /** Whether a model name matches this rule. */
  public boolean matches(String modelName) {
    return toRegex(glob).matcher(modelName == null ? "" : modelName).matches();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
