package dev.tether.engine.tiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufFile;
import dev.tether.engine.gguf.GgufTensorInfo;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tensor.WeightMatrix;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkShapeTest {
  @TempDir Path dir;

  @Test
  void shapesHaveTheRealModelsDimensionsAndVocabularySizes() {
    TinyModel qwen = BenchmarkShape.QWEN05B.builder("Q8_0").build();
    assertThat(qwen.architecture()).isEqualTo("qwen2");
    assertThat(new int[] {qwen.embeddingLength(), qwen.blockCount(), qwen.headCount(), qwen.headCountKv(),
        qwen.headDim(), qwen.feedForwardLength(), qwen.vocabulary().tokens().size()})
        .containsExactly(896, 24, 14, 2, 64, 4864, 151_936);
    assertThat(qwen.tiedEmbeddings()).isTrue();
    TinyModel llama = BenchmarkShape.byId("llama1b").builder("f16").build();
    assertThat(new int[] {llama.embeddingLength(), llama.blockCount(), llama.headCount(), llama.headCountKv(),
        llama.feedForwardLength(), llama.vocabulary().tokens().size()})
        .containsExactly(2048, 16, 32, 8, 8192, 128_256);
    assertThat(llama.typeOf("blk.3.ffn_up.weight")).isEqualTo(GgmlType.F16);
  }

  @Test
  void q4KMFallsBackToQ8ForRowsThatAreNotWholeSuperBlocks() {
    TinyModel qwen = BenchmarkShape.QWEN05B.builder("Q4_K_M").build();
    // 896-wide rows: llama.cpp's fallbacks (Q5_0/Q5_1/Q8_0) become Q8_0.
    for (String t : new String[] {"token_embd.weight", "blk.0.attn_q.weight", "blk.5.attn_k.weight",
        "blk.5.attn_v.weight", "blk.5.attn_output.weight", "blk.7.ffn_gate.weight", "blk.7.ffn_up.weight"}) {
      assertThat(qwen.typeOf(t)).as(t).isEqualTo(GgmlType.Q8_0);
    }
    // 4864 = 19 × 256: ffn_down keeps the K mix.
    assertThat(qwen.typeOf("blk.4.ffn_down.weight")).isEqualTo(GgmlType.Q4_K);
    assertThat(qwen.typeOf("blk.0.ffn_down.weight")).isEqualTo(GgmlType.Q6_K);
    TinyModel llama = BenchmarkShape.LLAMA1B.builder("Q4_K_M").build();
    assertThat(llama.typeOf("blk.1.attn_q.weight")).isEqualTo(GgmlType.Q4_K);
    assertThat(llama.typeOf("token_embd.weight")).isEqualTo(GgmlType.Q6_K);
    assertThat(BenchmarkShape.LLAMA1B.builder("Q4_0").build().typeOf("token_embd.weight")).isEqualTo(GgmlType.Q6_K);
    assertThat(BenchmarkShape.QWEN05B.builder("Q4_0").build().typeOf("token_embd.weight")).isEqualTo(GgmlType.Q8_0);
    assertThat(BenchmarkShape.QWEN05B.builder("Q4_0").build().typeOf("blk.0.attn_q.weight")).isEqualTo(GgmlType.Q4_0);
  }

  @Test
  void unknownShapesAndTypesAreNamed() {
    assertThatThrownBy(() -> BenchmarkShape.byId("gpt2")).hasMessageContaining("unknown shape gpt2");
    assertThatThrownBy(() -> BenchmarkShape.QWEN05B.builder("Q3_K")).hasMessageContaining("unknown type Q3_K");
  }

  @Test
  void paddingAddsUnusedTokensAndKeepsTheSpecials() {
    TinyVocabulary base = TinyModel.defaultVocabulary("qwen2", false);
    TinyVocabulary padded = base.padded(1000);
    assertThat(padded.tokens()).hasSize(1000).startsWith(base.tokens().toArray(String[]::new));
    assertThat(padded.tokens().get(999)).isEqualTo("[PAD999]");
    assertThat(padded.specials()).isEqualTo(base.specials());
    assertThatThrownBy(() -> base.padded(10)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Large matrices are generated while writing; quantised and F32 files still hold the same weights. */
  @Test
  void streamedMatricesAreTheSameWeightsInEveryType() throws Exception {
    // token_embd is 256 × 16384 = 2^22 values: the first size that is streamed.
    TinyVocabulary vocab = TinyModel.defaultVocabulary("llama", false).padded(16_384);
    Path f32 = TinyModel.builder().vocabulary(vocab).embeddingLength(256).feedForwardLength(256).build()
        .write(dir.resolve("f32.gguf"));
    Path q8 = TinyModel.builder().vocabulary(vocab).embeddingLength(256).feedForwardLength(256)
        .weightType(GgmlType.Q8_0).build().write(dir.resolve("q8.gguf"));
    try (GgufFile a = GgufFile.open(f32); GgufFile b = GgufFile.open(q8);
        Kernels k = Kernels.create(1, Kernels.Mode.SCALAR)) {
      WeightMatrix wa = matrix(a, "token_embd.weight");
      WeightMatrix wb = matrix(b, "token_embd.weight");
      assertThat(wb.type()).isEqualTo(GgmlType.Q8_0);
      float[] ra = new float[256];
      float[] rb = new float[256];
      double sq = 0;
      for (int r = 0; r < wa.rows(); r += 997) {
        k.dequantizeRow(wa, r, ra, 0);
        k.dequantizeRow(wb, r, rb, 0);
        for (int c = 0; c < 256; c++) {
          assertThat(rb[c]).isCloseTo(ra[c], org.assertj.core.data.Offset.offset(0.002f));
          sq += ra[c] * ra[c];
        }
      }
      assertThat(Math.sqrt(sq / (17 * 256))).isBetween(0.015, 0.025); // N(0, 0.02)
    }
  }

  @Test
  void aStreamedTensorOfTheWrongSizeIsRefused() {
    GgufWriter w = new GgufWriter().addTensor("x", GgmlType.F32, new long[] {4}, out -> out.write(new byte[12]));
    assertThatThrownBy(() -> w.write(dir.resolve("bad.gguf"))).hasMessageContaining("x: wrote 12 bytes, not 16");
  }

  private static WeightMatrix matrix(GgufFile g, String name) {
    GgufTensorInfo t = g.header().tensor(name).orElseThrow();
    return new WeightMatrix(name, t.type(), (int) t.dims()[1], (int) t.dims()[0], g.tensorData(t));
  }
}
