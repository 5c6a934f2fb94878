package dev.tether.engine.runtime;

import static dev.tether.engine.runtime.EngineFixture.greedy;
import static dev.tether.engine.runtime.EngineFixture.load;
import static dev.tether.engine.runtime.EngineFixture.options;
import static dev.tether.engine.runtime.EngineFixture.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixCacheTest {
  @TempDir Path dir;

  @Test
  void aRepeatedPromptReusesAllButItsLastTokenAndGivesTheSameTokens() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] prompt = tokens(40, 1);
    try (LocalEngine engine = load(model, options(2, Optional.empty()))) {
      var cold = greedy(engine, prompt, 8);
      var warm = greedy(engine, prompt, 8);
      assertThat(cold.result().cachedTokens()).isZero();
      assertThat(warm.result().cachedTokens()).isEqualTo(39);
      assertThat(warm.result().promptTokens()).isEqualTo(40);
      assertThat(warm.tokens()).hasSize(8).isEqualTo(cold.tokens());
    }
  }

  @Test
  void aSharedPrefixIsReusedAndTheTokensMatchAColdRun() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] first = tokens(300, 2);
    int[] second = Arrays.copyOf(first, 320);
    System.arraycopy(tokens(120, 3), 0, second, 200, 120);
    EngineFixture.Run warm;
    try (LocalEngine engine = load(model, options(2, Optional.empty()))) {
      greedy(engine, first, 4);
      warm = greedy(engine, second, 10);
    }
    EngineFixture.Run cold;
    try (LocalEngine engine = load(model, options(2, Optional.empty()))) {
      cold = greedy(engine, second, 10);
    }
    int shared = 200;
    while (second[shared] == first[shared]) {
      shared++;
    }
    assertThat(warm.result().cachedTokens()).isEqualTo(shared);
    assertThat(cold.result().cachedTokens()).isZero();
    assertThat(warm.tokens()).isEqualTo(cold.tokens());
  }

  @Test
  void generatedTokensExtendTheSlotForTheNextTurn() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] prompt = tokens(30, 4);
    try (LocalEngine engine = load(model, options(1, Optional.empty()))) {
      var reply = greedy(engine, prompt, 5);
      int[] next = Arrays.copyOf(prompt, 30 + 5 + 3);
      System.arraycopy(reply.tokens(), 0, next, 30, 5);
      next[35] = 7;
      next[36] = 8;
      next[37] = 9;
      // The last reply token was sampled but never fed back, so 30 + 4 positions are cached.
      assertThat(greedy(engine, next, 1).result().cachedTokens()).isEqualTo(34);
    }
  }

  @Test
  void slotsAreEvictedLeastRecentlyUsedFirst() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] a = tokens(20, 10);
    int[] b = tokens(20, 11);
    int[] c = tokens(20, 12);
    a[0] = 1; // distinct first tokens: no prompt shares a prefix with another
    b[0] = 2;
    c[0] = 3;
    try (LocalEngine engine = load(model, options(2, Optional.empty()))) {
      assertThat(greedy(engine, a, 1).result().cachedTokens()).isZero();
      assertThat(greedy(engine, b, 1).result().cachedTokens()).isZero();
      assertThat(greedy(engine, a, 1).result().cachedTokens()).isEqualTo(19); // a is now newest
      assertThat(greedy(engine, c, 1).result().cachedTokens()).isZero(); // evicts b
      assertThat(greedy(engine, a, 1).result().cachedTokens()).isEqualTo(19);
      assertThat(greedy(engine, b, 1).result().cachedTokens()).isZero();
    }
  }

  @Test
  void aShortRequestSharingAFewTokensDoesNotEvictALongConversation() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] conversation = tokens(400, 30);
    int[] side = tokens(50, 31);
    System.arraycopy(conversation, 0, side, 0, 20); // the same system text, then something else
    side[20] = conversation[20] + 1;
    EngineFixture.Run cold;
    try (LocalEngine engine = load(model, options(1, Optional.empty()))) {
      cold = greedy(engine, side, 5);
    }
    try (LocalEngine engine = load(model, options(2, Optional.empty()))) {
      greedy(engine, conversation, 2);
      var s = greedy(engine, side, 5);
      assertThat(s.result().cachedTokens()).isEqualTo(20); // copied from the conversation's slot
      assertThat(s.tokens()).isEqualTo(cold.tokens());
      assertThat(greedy(engine, conversation, 2).result().cachedTokens()).isEqualTo(399);
    }
  }

  @Test
  void aSavedPrefixSurvivesANewEngineAndGivesTheSameTokens() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    Path cache = dir.resolve("cache");
    int[] prompt = tokens(600, 5);
    EngineFixture.Run first;
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      first = greedy(engine, prompt, 6);
    }
    assertThat(first.result().cachedTokens()).isZero();
    assertThat(kvFiles(cache)).hasSize(1);
    int[] longer = Arrays.copyOf(prompt, 700);
    System.arraycopy(tokens(100, 6), 0, longer, 600, 100);
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      var again = greedy(engine, prompt, 6);
      assertThat(again.result().cachedTokens()).isEqualTo(576); // 600 rounded down to 64s
      assertThat(again.tokens()).isEqualTo(first.tokens());
    }
    EngineFixture.Run coldLonger;
    try (LocalEngine engine = load(model, options(1, Optional.empty()))) {
      coldLonger = greedy(engine, longer, 6);
    }
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      var warmLonger = greedy(engine, longer, 6);
      assertThat(warmLonger.result().cachedTokens()).isEqualTo(576);
      assertThat(warmLonger.tokens()).isEqualTo(coldLonger.tokens());
    }
  }

  @Test
  void aCorruptCacheFileIsIgnoredAndDeleted() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    Path cache = dir.resolve("cache");
    int[] prompt = tokens(600, 7);
    EngineFixture.Run first;
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      first = greedy(engine, prompt, 4);
    }
    Path file = kvFiles(cache).get(0);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      var again = greedy(engine, prompt, 4);
      assertThat(again.result().cachedTokens()).isZero();
      assertThat(again.tokens()).isEqualTo(first.tokens());
    }
    // Deleted, then saved afresh by the cold run.
    assertThat(kvFiles(cache)).hasSize(1);
    Files.write(kvFiles(cache).get(0), new byte[] {1, 2, 3});
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      assertThat(greedy(engine, prompt, 4).tokens()).isEqualTo(first.tokens());
    }
  }

  @Test
  void theDiskCacheKeepsToItsSizeCapDroppingTheOldest() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    Path cache = dir.resolve("cache");
    int[] p1 = tokens(600, 20);
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      greedy(engine, p1, 1);
    }
    long one = Files.size(kvFiles(cache).get(0));
    var capped = new EngineOptions(2, 0, 1, 0, Optional.of(cache), one * 2 + one / 2,
        dev.tether.engine.tensor.Kernels.Mode.SCALAR);
    long base = System.currentTimeMillis() - 100_000;
    Files.setLastModifiedTime(kvFiles(cache).get(0), java.nio.file.attribute.FileTime.fromMillis(base));
    for (long seed = 21; seed < 24; seed++) {
      var before = kvFiles(cache);
      try (LocalEngine engine = load(model, capped)) {
        greedy(engine, tokens(600, seed), 1);
      }
      for (Path p : kvFiles(cache)) {
        if (!before.contains(p)) { // file times a few seconds apart, oldest first
          Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(base + seed * 1000));
        }
      }
    }
    assertThat(kvFiles(cache)).hasSize(2);
    try (LocalEngine engine = load(model, options(1, Optional.of(cache)))) {
      assertThat(greedy(engine, p1, 1).result().cachedTokens()).isZero(); // the oldest went first
      assertThat(greedy(engine, tokens(600, 23), 1).result().cachedTokens()).isEqualTo(576);
    }
  }

  private static List<Path> kvFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".kv")).sorted().toList();
    }
  }
}
