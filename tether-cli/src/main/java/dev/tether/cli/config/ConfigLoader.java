package dev.tether.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the layers, lowest precedence first: built-in defaults, {@code config.toml}, the other
 * {@code *.toml} files of the directory in alphabetical order (dotfiles and folders ignored), then
 * {@code TETHER_*} environment variables, then flags. A later layer replaces a value key by key;
 * lists are replaced whole.
 */
public final class ConfigLoader {
  /** The main file's name; it is created from the template when missing. */
  public static final String MAIN_FILE = "config.toml";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param configDir the directory of TOML files (it need not exist)
   * @param env the environment ({@code System.getenv()} outside tests)
   * @param flags values given on the command line, by key path: a String, or a List of Strings for
   *     repeatable flags
   * @throws ConfigException naming file and line (or variable, or flag) and key
   */
  public static Config load(Path configDir, Map<String, String> env, Map<String, Object> flags) {
    Map<String, Config.Entry> entries = defaultEntries();
    List<Path> files = new ArrayList<>();
    for (Path file : tomlFiles(configDir)) {
      files.add(file);
      readFile(file, entries);
    }
    for (Key key : Schema.KEYS) {
      if (key.env() != null && env.get(key.env()) != null) {
        entries.put(key.path(), new Config.Entry(
            convert(key, env.get(key.env()), "environment variable " + key.env()),
            new Source.Environment(key.env())));
      }
    }
    flags.forEach((path, raw) -> {
      Key key = Schema.key(path);
      String flag = key.flag() != null ? key.flag() : path;
      Object value = raw instanceof List<?> list && key.kind() == Kind.STRINGS
          ? List.copyOf(list.stream().map(String::valueOf).toList())
          : convert(key, String.valueOf(raw), flag);
      entries.put(path, new Config.Entry(value, new Source.Flag(flag)));
    });
    return new Config(ordered(entries), files);
  }

  /**
   * Creates {@code config.toml} from the template when it does not exist (never overwriting one),
   * private to the user.
   *
   * @return whether a file was written
   */
  public static boolean createTemplate(Path configDir) {
    Path main = configDir.resolve(MAIN_FILE);
    if (Files.exists(main)) {
      return false;
    }
    try {
      Files.createDirectories(configDir);
      Path tmp = Files.createTempFile(configDir, ".config", ".tmp");
      Files.writeString(tmp, ConfigTemplate.text());
      Private.restrict(tmp);
      try {
        Files.move(tmp, main);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        if (Files.exists(main)) {
          return false;
        }
        throw e;
      }
      return true;
    } catch (IOException e) {
      throw new ConfigException("cannot write " + main + ": " + e.getMessage());
    }
  }

  static Config builtIn() {
    return new Config(defaultEntries(), List.of());
  }

  /** config.toml first, then the drop-ins in alphabetical order. */
  static List<Path> tomlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    Path main = dir.resolve(MAIN_FILE);
    if (Files.isRegularFile(main)) {
      files.add(main);
    }
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(".toml") && !name.equals(MAIN_FILE) && Files.isRegularFile(p);
      }).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new ConfigException("cannot list " + dir + ": " + e.getMessage());
    }
    return files;
  }

  private static Map<String, Config.Entry> defaultEntries() {
    Map<String, Config.Entry> entries = new LinkedHashMap<>();
    for (Key key : Schema.KEYS) {
      if (key.defaultValue() != null && !key.path().contains("*")) {
        entries.put(key.path(), new Config.Entry(key.defaultValue(), new Source.Default()));
      }
    }
    return entries;
  }

  private static void readFile(Path file, Map<String, Config.Entry> entries) {
    TomlParseResult toml;
    try {
      toml = Toml.parse(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    if (toml.hasErrors()) {
      TomlParseError error = toml.errors().getFirst();
      TomlPosition at = error.position();
      throw new ConfigException(file + ":" + (at == null ? "?" : at.line() + ":" + at.column())
          + ": invalid TOML: " + error.getMessage().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", ""));
    }
    walk(file, toml, "", entries);
  }

  private static void walk(Path file, TomlTable table, String prefix, Map<String, Config.Entry> entries) {
    for (String name : table.keySet()) {
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      Object value = table.get(List.of(name));
      int line = line(table.inputPositionOf(List.of(name)));
      if (prefix.equals(Schema.BACKENDS) && !NAME.matcher(name).matches()) {
        throw new ConfigException(file + ":" + line + ": backend name '" + name
            + "' may only use letters, digits, '-' and '_'");
      }
      var key = Schema.find(path);
      if (key.isPresent()) {
        try {
          entries.put(path, new Config.Entry(key.get().kind().fromToml(value), new Source.FileLine(file, line)));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(file + ":" + line + ": " + path + " " + withVerb(e.getMessage()));
        }
      } else if (value instanceof TomlTable sub && Schema.isTable(path)) {
        walk(file, sub, path, entries);
      } else {
        throw new ConfigException(file + ":" + line + ": unknown " + (value instanceof TomlTable ? "section" : "key")
            + " '" + path + "'"
            + Schema.suggest(path).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; see " + file.resolveSibling(MAIN_FILE) + " for every key");
      }
    }
  }

  private static Object convert(Key key, String text, String where) {
    try {
      return key.kind().fromText(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where + " (" + key.path() + ") " + withVerb(e.getMessage()));
    }
  }

  /** "must be an integer…" reads well after the key; Units' "'x' is not a size…" gets a colon. */
  private static String withVerb(String message) {
    return message.startsWith("must ") ? message : "is invalid: " + message;
  }

  private static int line(TomlPosition position) {
    return position == null ? 0 : position.line();
  }

  /** Entries in schema order, then any others (backends, tables) in the order they were set. */
  private static Map<String, Config.Entry> ordered(Map<String, Config.Entry> entries) {
    Map<String, Config.Entry> out = new LinkedHashMap<>();
    for (Key key : Schema.KEYS) {
      if (!key.path().contains("*") && entries.containsKey(key.path())) {
        out.put(key.path(), entries.get(key.path()));
      }
    }
    entries.forEach(out::putIfAbsent);
    return out;
  }
}
