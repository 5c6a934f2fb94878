package dev.tether.control.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diff view's data from a real git repository, and the patch parser on its own. */
class GitDiffTest {
  @TempDir
  Path dir;

  static boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static void git(Path repo, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void modifiedAddedDeletedRenamedAndUntrackedFilesEachGetAnEntry() throws Exception {
    assumeTrue(gitAvailable(), "git is not installed: GitDiffTest skipped");
    Files.writeString(dir.resolve("a.txt"), "one\ntwo\nthree\n");
    Files.writeString(dir.resolve("gone.txt"), "bye\n");
    Files.writeString(dir.resolve("old name.txt"), "same content here\nline two\nline three\n");
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "init");
    Files.writeString(dir.resolve("a.txt"), "one\n2\nthree\nfour\n");
    Files.delete(dir.resolve("gone.txt"));
    git(dir, "mv", "old name.txt", "new name.txt");
    Files.writeString(dir.resolve("staged.txt"), "staged\n");
    git(dir, "add", "staged.txt");
    Files.writeString(dir.resolve("fresh.txt"), "brand\nnew\n");
    Files.write(dir.resolve("blob.bin"), new byte[] {1, 0, 2});

    DirectoryDiff diff = GitDiff.defaults().of(dir);
    assertThat(diff.git()).isTrue();
    assertThat(diff.base()).isEqualTo("HEAD");
    Map<String, FileDiff> byPath = diff.files().stream().collect(Collectors.toMap(FileDiff::path, Function.identity()));
    assertThat(byPath.get("a.txt").status()).isEqualTo("modified");
    assertThat(byPath.get("a.txt").additions()).isEqualTo(2);
    assertThat(byPath.get("a.txt").deletions()).isEqualTo(1);
    assertThat(byPath.get("a.txt").patch()).contains("-two\n", "+2\n", "+four\n");
    assertThat(byPath.get("gone.txt").status()).isEqualTo("deleted");
    assertThat(byPath.get("new name.txt").status()).isEqualTo("renamed");
    assertThat(byPath.get("new name.txt").oldPath()).isEqualTo("old name.txt");
    assertThat(byPath.get("staged.txt").status()).isEqualTo("added");
    assertThat(byPath.get("fresh.txt").status()).isEqualTo("untracked");
    assertThat(byPath.get("fresh.txt").additions()).isEqualTo(2);
    assertThat(byPath.get("blob.bin").binary()).isTrue();
    assertThat(diff.truncated()).isFalse();
  }

  @Test
  void beforeTheFirstCommitEverythingIsComparedWithTheEmptyTree() throws Exception {
    assumeTrue(gitAvailable(), "git is not installed: GitDiffTest skipped");
    git(dir, "init", "-q");
    Files.writeString(dir.resolve("x.txt"), "x\n");
    git(dir, "add", "x.txt");
    DirectoryDiff diff = GitDiff.defaults().of(dir);
    assertThat(diff.base()).isEqualTo("empty");
    assertThat(diff.files()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("x.txt");
      assertThat(f.status()).isEqualTo("added");
    });
  }

  @Test
  void aDirectoryOutsideGitOrMissingSaysSo() throws Exception {
    assumeTrue(gitAvailable(), "git is not installed: GitDiffTest skipped");
    Path plain = Files.createDirectories(dir.resolve("plain"));
    // A parent repository must not leak in: make sure none is above the temp dir for this check.
    DirectoryDiff diff = new GitDiff("git", Duration.ofSeconds(10), 1 << 20).of(plain);
    if (diff.git()) {
      return; // the temp dir lives inside someone's work tree; nothing to assert here
    }
    assertThat(diff.message()).isEqualTo("not a git work tree");
    assertThat(GitDiff.defaults().of(dir.resolve("missing")).message()).isEqualTo("the directory does not exist");
  }

  @Test
  void aMissingGitIsAMessageNotACrash() {
    DirectoryDiff diff = new GitDiff("/nonexistent/git", Duration.ofSeconds(5), 1024).of(dir);
    assertThat(diff.git()).isFalse();
    assertThat(diff.message()).startsWith("git could not be run");
  }

  @Test
  void theParserFindsPathsWithSpacesFromTheHeaderOfABinaryChange() {
    FileDiff f = PatchParser.file("diff --git a/my file.png b/my file.png\nindex 1..2 100644\n"
        + "Binary files a/my file.png and b/my file.png differ\n");
    assertThat(f.path()).isEqualTo("my file.png");
    assertThat(f.binary()).isTrue();
    assertThat(f.patch()).isEmpty();
  }
}
