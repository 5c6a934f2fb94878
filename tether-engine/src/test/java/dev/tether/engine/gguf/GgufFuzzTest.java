package dev.tether.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.tiny.TinyModel;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Corrupt copies of valid files: whatever the damage, reading ends in a {@link GgufFormatException}
 * or a valid header, quickly, and the typed metadata view is just as safe.
 */
class GgufFuzzTest {
  /** A small file with every value type, nested arrays and a few tensors. */
  private static byte[] smallFile() {
    GgufWriter w = new GgufWriter();
    GgufRoundTripTest.everyType().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> w.put(e.getKey(), e.getValue()));
    w.put("general.architecture", GgufValue.string("llama"));
    w.put("llama.context_length", GgufValue.uint32(128));
    w.put("tokenizer.ggml.tokens", GgufValue.strings(List.of("a", "b", "ab")));
    w.put("tokenizer.ggml.token_type", GgufValue.int32s(new int[] {1, 1, 3}));
    w.put("tokenizer.ggml.bos_token_id", GgufValue.uint32(2));
    w.addTensor("token_embd.weight", new long[] {4, 3}, new float[12]);
    w.addTensor("q", GgmlType.Q8_0, new long[] {32}, new byte[34]);
    w.addTensor("output_norm.weight", GgmlType.F16, new long[] {4}, new float[4]);
    return w.toByteArray();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyTruncationIsAFormatErrorOrAValidPrefix() {
    byte[] whole = smallFile();
    int rejected = 0;
    for (int n = 0; n < whole.length; n++) {
      if (!survives(Arrays.copyOf(whole, n), "truncated to " + n)) {
        rejected++;
      }
    }
    // Only cutting into the padding after the last tensor leaves a valid file.
    assertThat(rejected).isGreaterThan(whole.length - 32);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomByteFlipsOnlyEverCauseFormatErrors() {
    byte[] whole = smallFile();
    Random random = new Random(20_251_121);
    int rejected = 0;
    int cases = 5_000;
    for (int i = 0; i < cases; i++) {
      byte[] copy = whole.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        int at = random.nextInt(copy.length);
        copy[at] = random.nextInt(4) == 0 ? (byte) 0xFF : (byte) (copy[at] ^ (1 << random.nextInt(8)));
      }
      if (!survives(copy, "case " + i)) {
        rejected++;
      }
    }
    assertThat(rejected).isPositive().isLessThan(cases);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aTinyModelSurvivesFlipsInItsHeader() {
    byte[] whole = TinyModel.builder().architecture("qwen3").build().toBytes();
    GgufHeader h = GgufHeader.parse(MemorySegment.ofArray(whole), "tiny");
    int headerBytes = (int) h.dataOffset();
    Random random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      byte[] copy = whole.clone();
      int at = random.nextInt(headerBytes);
      copy[at] = (byte) random.nextInt(256);
      survives(copy, "case " + i + " at " + at);
    }
  }

  /** True if the bytes read as valid; false if rejected with a format error; fails otherwise. */
  private static boolean survives(byte[] bytes, String what) {
    try {
      GgufHeader h = GgufHeader.parse(MemorySegment.ofArray(bytes), "fuzz.gguf");
      if (h.metadata().containsKey(ModelMetadata.ARCHITECTURE_KEY)) {
        ModelMetadata.from(h);
      }
      TokenizerMetadata.from(h);
      return true;
    } catch (GgufFormatException e) {
      assertThat(e.getMessage()).startsWith("fuzz.gguf: ").contains("at byte offset");
      assertThat(e.offset()).isBetween(0L, (long) bytes.length);
      return false;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }
}
