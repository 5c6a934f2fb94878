package dev.tether.control.diff;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Computes a {@link DirectoryDiff}: tracked changes (staged and not) against {@code HEAD}, or against the
 * empty tree before the first commit, limited to the directory's subtree, plus untracked files shown as
 * added. The repository's own settings cannot make this run programs: external diff, textconv and
 * fsmonitor are off (filters configured in the repository still apply, as for any {@code git diff}).
 */
public final class GitDiff {
  /** git's well-known id of the empty tree, the base before the first commit. */
  static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final int MAX_UNTRACKED = 200;
  private static final long MAX_UNTRACKED_BYTES = 256 * 1024;

  private final String git;
  private final Duration timeout;
  private final int maxBytes;

  public GitDiff(String git, Duration timeout, int maxBytes) {
    this.git = git;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** {@code git} from the PATH, 10 s per command, 4 MiB of patch. */
  public static GitDiff defaults() {
    return new GitDiff("git", Duration.ofSeconds(10), 4 * 1024 * 1024);
  }

  /** The changes under {@code directory}; a directory that is not in a work tree gives {@code git: false}. */
  public DirectoryDiff of(Path directory) {
    String dir = directory.toString();
    if (!Files.isDirectory(directory)) {
      return DirectoryDiff.notGit(dir, "the directory does not exist");
    }
    Result inside;
    try {
      inside = run(directory, "rev-parse", "--is-inside-work-tree");
    } catch (IOException e) {
      return DirectoryDiff.notGit(dir, "git could not be run: " + e.getMessage());
    }
    if (inside.exit() != 0 || !inside.text().strip().equals("true")) {
      return DirectoryDiff.notGit(dir, "not a git work tree");
    }
    try {
      boolean hasHead = run(directory, "rev-parse", "--verify", "-q", "HEAD^{commit}").exit() == 0;
      String base = hasHead ? "HEAD" : EMPTY_TREE;
      Result diff = run(directory, "diff", base, "--relative", "-M", "--no-color", "--no-ext-diff", "--no-textconv");
      if (diff.exit() != 0) {
        throw new GitException("git diff failed: " + diff.error().strip());
      }
      List<FileDiff> files = new ArrayList<>(PatchParser.parse(diff.text()));
      boolean truncated = diff.truncated();
      Result others = run(directory, "ls-files", "--others", "--exclude-standard", "-z");
      truncated |= others.truncated();
      String[] names = others.text().isEmpty() ? new String[0] : others.text().split("\0");
      for (int i = 0; i < names.length; i++) {
        if (i == MAX_UNTRACKED) {
          truncated = true;
          break;
        }
        files.add(untracked(directory, names[i]));
      }
      return new DirectoryDiff(dir, true, hasHead ? "HEAD" : "empty", files, truncated, null);
    } catch (IOException e) {
      throw new GitException("git could not be run: " + e.getMessage());
    }
  }

  private static FileDiff untracked(Path directory, String name) {
    Path file = directory.resolve(name);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_UNTRACKED_BYTES) {
        return new FileDiff(name, null, "untracked", 0, 0, true, "");
      }
      byte[] bytes = Files.readAllBytes(file);
      for (byte b : bytes) {
        if (b == 0) {
          return new FileDiff(name, null, "untracked", 0, 0, true, "");
        }
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
      if (!lines.isEmpty() && lines.getLast().isEmpty()) {
        lines = lines.subList(0, lines.size() - 1);
      }
      StringBuilder patch = new StringBuilder("--- /dev/null\n+++ b/").append(name).append('\n');
      if (!lines.isEmpty()) {
        patch.append("@@ -0,0 +1,").append(lines.size()).append(" @@\n");
        lines.forEach(l -> patch.append('+').append(l).append('\n'));
      }
      return new FileDiff(name, null, "untracked", lines.size(), 0, false, patch.toString());
    } catch (IOException e) {
      return new FileDiff(name, null, "untracked", 0, 0, true, "");
    }
  }

  record Result(int exit, String text, String error, boolean truncated) {}

  private Result run(Path directory, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(git, "--no-pager", "-c", "core.quotepath=false", "-c",
        "core.fsmonitor=false", "-c", "diff.noprefix=false", "-c", "diff.mnemonicprefix=false"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
    Map<String, String> env = pb.environment();
    for (String v : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF", "GIT_PAGER")) {
      env.remove(v);
    }
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_OPTIONAL_LOCKS", "0"); // a view must not write the index
    Process p = pb.start();
    p.getOutputStream().close();
    Capture out = new Capture(p.getInputStream(), maxBytes);
    Capture err = new Capture(p.getErrorStream(), 64 * 1024);
    Thread to = Thread.startVirtualThread(out);
    Thread te = Thread.startVirtualThread(err);
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new GitException("git took longer than " + timeout.toSeconds() + " s in " + directory);
      }
      to.join(timeout.toMillis());
      te.join(timeout.toMillis());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git");
    }
    return new Result(p.exitValue(), out.text(), err.text(), out.truncated);
  }

  /** Reads a stream to the end, keeping at most {@code cap} bytes (the rest is drained so git never blocks). */
  private static final class Capture implements Runnable {
    private final InputStream in;
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    Capture(InputStream in, int cap) {
      this.in = in;
      this.cap = cap;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int room = cap - kept.size();
          if (n > room) {
            truncated = true;
          }
          kept.write(buf, 0, Math.max(0, Math.min(n, room)));
        }
      } catch (IOException e) {
        truncated = true;
      }
    }

    String text() {
      String s = kept.toString(StandardCharsets.UTF_8);
      if (truncated) {
        int cut = s.lastIndexOf("\ndiff --git ");
        s = cut > 0 ? s.substring(0, cut + 1) : s;
      }
      return s;
    }
  }

  /** git failed or took too long: the diff view shows the message. */
  public static final class GitException extends RuntimeException {
    public GitException(String message) {
      super(message);
    }
  }
}
