package dev.tether.control.approval;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A permission rule in Claude Code's syntax: {@code Tool} or {@code Tool(specifier)}, plus {@code *} for
 * every tool.
 *
 * <ul>
 *   <li>{@code Bash(npm run build)} matches that exact command; {@code Bash(npm test:*)} the prefix
 *       {@code npm test} at a word boundary; {@code *} inside matches any run of characters, and a single
 *       trailing {@code " *"} may match nothing ({@code Bash(ls *)} matches {@code ls}). A compound
 *       command ({@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &}, newlines) matches only if every
 *       part does; one with command substitution never matches a wildcard rule.
 *   <li>{@code Read(path)} and {@code Edit(path)} take gitignore-style globs: {@code //abs} from the root,
 *       {@code ~/p} from the home directory, {@code /p} and {@code p} from the session's directory; a
 *       pattern without a slash matches the name at any depth. {@code Edit} covers every file-editing
 *       tool, {@code Read} every file-reading one.
 *   <li>{@code WebFetch(domain:example.com)} matches that host and its subdomains.
 *   <li>{@code mcp__server} matches every tool of that MCP server; tool names may contain {@code *}.
 * </ul>
 *
 * @param tool the tool part (may contain {@code *})
 * @param specifier the part in parentheses, or null
 */
public record RulePattern(String tool, String specifier) {
  private static final Pattern SYNTAX = Pattern.compile("([A-Za-z0-9_*.\\-]+)(?:\\((.*)\\))?", Pattern.DOTALL);
  private static final Pattern OPERATORS = Pattern.compile("&&|\\|\\||[;|&\\n]");

  /**
   * Parses a rule.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static RulePattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty rule pattern");
    }
    var m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a permission rule: " + text
          + " (expected Tool or Tool(specifier), e.g. Bash(npm test:*), Edit, Read(src/**))");
    }
    String specifier = m.group(2);
    if (specifier != null && (specifier.isBlank() || specifier.equals("*"))) {
      specifier = null; // Bash(*) is Bash
    }
    return new RulePattern(m.group(1), specifier);
  }

  @Override
  public String toString() {
    return specifier == null ? tool : tool + "(" + specifier + ")";
  }

  /**
   * Whether this rule covers a call of {@code toolName} with {@code input} in a session working in
   * {@code directory} (absolute, or null when unknown).
   */
  public boolean matches(String toolName, JsonNode input, String directory) {
    if (toolName == null || !toolMatches(toolName)) {
      return false;
    }
    if (specifier == null) {
      return true;
    }
    String family = tool.contains("*") ? toolName : tool;
    if (family.equals("Bash")) {
      return commandMatches(text(input, "command"));
    }
    if (family.equals("WebFetch")) {
      return domainMatches(text(input, "url"));
    }
    if (family.equals("Edit") || family.equals("Read") || ToolKinds.EDIT_TOOLS.contains(family)
        || ToolKinds.READ_TOOLS.contains(family)) {
      String path = text(input, "file_path");
      path = path != null ? path : text(input, "notebook_path");
      path = path != null ? path : text(input, "path");
      return pathMatches(path, directory);
    }
    return false; // an unknown tool's specifier means nothing Tether can check: never match
  }

  private boolean toolMatches(String toolName) {
    if (tool.equals("*")) {
      return true;
    }
    if (tool.contains("*")) {
      return glob(tool).matcher(toolName).matches();
    }
    if (tool.startsWith("mcp__") && !tool.substring(5).contains("__")) {
      return toolName.startsWith(tool + "__"); // mcp__server: every tool of that server
    }
    return ToolKinds.family(tool, toolName);
  }

  private boolean commandMatches(String command) {
    if (command == null) {
      return false;
    }
    String whole = command.strip();
    if (whole.equals(specifier.strip())) {
      return true;
    }
    if (whole.contains("$(") || whole.contains("`") || whole.contains("<(") || whole.contains(">(")) {
      return false;
    }
    List<String> parts = OPERATORS.splitAsStream(whole).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return !parts.isEmpty() && parts.stream().allMatch(this::simpleCommandMatches);
  }

  private boolean simpleCommandMatches(String command) {
    String spec = specifier.strip();
    if (spec.endsWith(":*")) {
      String prefix = spec.substring(0, spec.length() - 2).strip();
      return command.equals(prefix) || command.startsWith(prefix + " ");
    }
    if (!spec.contains("*")) {
      return command.equals(spec);
    }
    if (spec.endsWith(" *") && spec.indexOf('*') == spec.length() - 1
        && command.equals(spec.substring(0, spec.length() - 2).strip())) {
      return true; // a single trailing " *" may match nothing
    }
    return glob(spec).matcher(command).matches();
  }

  private boolean domainMatches(String url) {
    if (url == null || !specifier.startsWith("domain:")) {
      return false;
    }
    String domain = specifier.substring("domain:".length()).trim().toLowerCase(Locale.ROOT);
    try {
      String host = URI.create(url.trim()).getHost();
      if (host == null) {
        return false;
      }
      host = host.toLowerCase(Locale.ROOT);
      return host.equals(domain) || host.endsWith("." + domain);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean pathMatches(String filePath, String directory) {
    if (filePath == null) {
      return false;
    }
    String spec = specifier.strip();
    String base;
    String rest;
    if (spec.startsWith("//")) {
      base = "/";
      rest = spec.substring(2);
    } else if (spec.startsWith("~/")) {
      base = System.getProperty("user.home");
      rest = spec.substring(2);
    } else {
      if (directory == null) {
        return false;
      }
      base = directory;
      rest = spec.startsWith("./") ? spec.substring(2) : spec.startsWith("/") ? spec.substring(1) : spec;
      if (!rest.contains("/")) {
        rest = "**/" + rest; // gitignore: a bare name matches at any depth
      }
    }
    try {
      Path file = Path.of(filePath);
      if (!file.isAbsolute()) {
        if (directory == null) {
          return false;
        }
        file = Path.of(directory).resolve(file);
      }
      file = file.normalize();
      Path root = Path.of(base).toAbsolutePath().normalize();
      if (!file.startsWith(root)) {
        return false;
      }
      String relative = root.relativize(file).toString();
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
      if (matcher.matches(Path.of(relative))) {
        return true;
      }
      // "**/x" should also match x at the top level.
      return rest.startsWith("**/") && FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3))
          .matches(Path.of(relative));
    } catch (IllegalArgumentException e) { // includes InvalidPathException
      return false;
    }
  }

  private static String text(JsonNode input, String field) {
    if (input == null || !input.hasNonNull(field) || !input.get(field).isTextual()) {
      return null;
    }
    return input.get(field).asText();
  }

  /** A regex where {@code *} matches any run of characters and everything else is literal. */
  private static Pattern glob(String pattern) {
    String[] pieces = pattern.split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(pieces[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
