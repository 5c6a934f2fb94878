package dev.tether.control.diff;

import java.util.ArrayList;
import java.util.List;

/** Splits {@code git diff} output into one {@link FileDiff} per file. */
final class PatchParser {
  private PatchParser() {}

  static List<FileDiff> parse(String output) {
    List<FileDiff> files = new ArrayList<>();
    StringBuilder current = null;
    for (String line : output.split("\n", -1)) {
      if (line.startsWith("diff --git ")) {
        if (current != null) {
          files.add(file(current.toString()));
        }
        current = new StringBuilder();
      }
      if (current != null) {
        current.append(line).append('\n');
      }
    }
    if (current != null) {
      String last = current.toString();
      files.add(file(last.endsWith("\n\n") ? last.substring(0, last.length() - 1) : last));
    }
    return files;
  }

  /** One file's chunk, starting at its {@code diff --git} line. */
  static FileDiff file(String chunk) {
    String status = "modified";
    String oldPath = null;
    String newPath = null;
    String minus = null;
    String plus = null;
    boolean binary = false;
    boolean inHunk = false;
    int additions = 0;
    int deletions = 0;
    String[] lines = chunk.split("\n");
    for (String line : lines) {
      if (inHunk) {
        if (line.startsWith("+")) {
          additions++;
        } else if (line.startsWith("-")) {
          deletions++;
        } else if (line.startsWith("diff --git ")) {
          inHunk = false;
        }
        continue;
      }
      if (line.startsWith("@@")) {
        inHunk = true;
      } else if (line.startsWith("new file mode")) {
        status = "added";
      } else if (line.startsWith("deleted file mode")) {
        status = "deleted";
      } else if (line.startsWith("rename from ")) {
        status = "renamed";
        oldPath = line.substring("rename from ".length());
      } else if (line.startsWith("rename to ")) {
        newPath = line.substring("rename to ".length());
      } else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) {
        binary = true;
      } else if (line.startsWith("--- ")) {
        minus = stripPrefix(line.substring(4), "a/");
      } else if (line.startsWith("+++ ")) {
        plus = stripPrefix(line.substring(4), "b/");
      }
    }
    String path = newPath != null ? newPath
        : plus != null && !plus.equals("/dev/null") ? plus
        : minus != null && !minus.equals("/dev/null") ? minus
        : fromHeader(lines[0]);
    return new FileDiff(path, oldPath, status, additions, deletions, binary, binary ? "" : chunk);
  }

  private static String stripPrefix(String name, String prefix) {
    String n = name.endsWith("\t") ? name.substring(0, name.length() - 1) : name;
    return n.startsWith(prefix) ? n.substring(prefix.length()) : n;
  }

  /** {@code diff --git a/P b/P}: P is the middle, whatever spaces it holds. */
  private static String fromHeader(String header) {
    String rest = header.substring("diff --git ".length());
    int len = (rest.length() - 5) / 2;
    if (len > 0 && rest.startsWith("a/") && rest.startsWith(" b/", 2 + len)) {
      return rest.substring(2, 2 + len);
    }
    return rest;
  }
}
