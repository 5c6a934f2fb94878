package dev.tether.cli.config;

/**
 * One configuration key: its dotted path ({@code server.port}; {@code *} stands for a name the user
 * chooses, as in {@code backends.*.urls}), its kind, its default (null: unset), the environment
 * variable and flag that set it (null: none), and the line of help the template shows.
 */
public record Key(String path, Kind kind, Object defaultValue, String env, String flag, String help) {
  /** Whether a concrete path such as {@code backends.ollama.urls} is this key. */
  boolean matches(String concrete) {
    String[] want = path.split("\\.");
    String[] have = concrete.split("\\.", want.length);
    if (have.length != want.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }

  /** The section this key's line goes under in the template: everything before the last part. */
  String section() {
    return path.substring(0, path.lastIndexOf('.'));
  }

  /** The last part of the path. */
  String name() {
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
