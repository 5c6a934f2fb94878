package dev.tether.engine.tiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufFile;
import dev.tether.engine.gguf.GgufTensorInfo;
import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TinyModelQuantizedTest {
  @TempDir Path dir;

  private static TinyModel.Builder wide() {
    return TinyModel.builder().embeddingLength(256).headCount(4).headCountKv(2).feedForwardLength(512);
  }

  private static WeightMatrix matrix(GgufFile g, String name) {
    GgufTensorInfo t = g.header().tensor(name).orElseThrow();
    return new WeightMatrix(name, t.type(), (int) t.dims()[1], (int) t.dims()[0], g.tensorData(t));
  }

  /** Same seed, same random floats: the quantised file decodes to the F32 file's weights, roughly. */
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void everyWeightTypeDecodesBackToTheSameWeights(GgmlType type) throws IOException {
    Path ref = wide().build().write(dir.resolve("f32.gguf"));
    Path q = wide().weightType(type).build().write(dir.resolve(type + ".gguf"));
    try (GgufFile a = GgufFile.open(ref); GgufFile b = GgufFile.open(q);
        Kernels k = Kernels.create(1, Kernels.Mode.SCALAR)) {
      assertThat(b.header().tensor("blk.1.ffn_down.weight").orElseThrow().type()).isEqualTo(type);
      assertThat(b.header().tensor("blk.1.ffn_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
      for (String name : new String[] {"token_embd.weight", "blk.0.attn_q.weight", "blk.1.ffn_down.weight"}) {
        WeightMatrix wa = matrix(a, name);
        WeightMatrix wb = matrix(b, name);
        float[] ra = new float[wa.cols()];
        float[] rb = new float[wb.cols()];
        for (int r = 0; r < wa.rows(); r += 7) {
          k.dequantizeRow(wa, r, ra, 0);
          k.dequantizeRow(wb, r, rb, 0);
          for (int c = 0; c < ra.length; c++) {
            // Weights are N(0, 0.02); 4-bit formats are off by at most a fifth of a block's max (~0.06).
            assertThat(rb[c]).isCloseTo(ra[c], org.assertj.core.data.Offset.offset(0.02f));
          }
        }
      }
    }
  }

  @Test
  void theQ4KMMixPutsEveryKTypeWhereLlamaCppWould() throws IOException {
    Path file = wide().mixedQ4KM().tensorType("blk.0.ffn_up.weight", GgmlType.Q8_0).build()
        .write(dir.resolve("mix.gguf"));
    try (GgufFile g = GgufFile.open(file)) {
      assertThat(g.metadata().fileTypeName()).hasValue("Q4_K_M");
      assertThat(type(g, "output.weight")).isEqualTo(GgmlType.Q6_K);
      assertThat(type(g, "token_embd.weight")).isEqualTo(GgmlType.Q4_K);
      assertThat(type(g, "blk.0.attn_q.weight")).isEqualTo(GgmlType.Q4_K);
      assertThat(type(g, "blk.0.attn_k.weight")).isEqualTo(GgmlType.Q5_K);
      assertThat(type(g, "blk.0.attn_v.weight")).isEqualTo(GgmlType.Q4_K);
      assertThat(type(g, "blk.1.attn_v.weight")).isEqualTo(GgmlType.Q6_K);
      assertThat(type(g, "blk.1.ffn_down.weight")).isEqualTo(GgmlType.Q6_K);
      assertThat(type(g, "blk.0.ffn_up.weight")).isEqualTo(GgmlType.Q8_0);
      assertThat(type(g, "output_norm.weight")).isEqualTo(GgmlType.F32);
    }
  }

  private static GgmlType type(GgufFile g, String name) {
    return g.header().tensor(name).orElseThrow().type();
  }

  @Test
  void sizesThatAreNotWholeBlocksAreAClearError() {
    assertThatThrownBy(() -> TinyModel.builder().weightType(GgmlType.Q4_K).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token_embd.weight").hasMessageContaining("256").hasMessageContaining("64");
    assertThatThrownBy(() -> wide().feedForwardLength(320).weightType(GgmlType.Q6_K).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ffn_down");
    assertThatThrownBy(() -> TinyModel.builder().weightType(GgmlType.Q2_K).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q2_K");
    assertThatThrownBy(() -> TinyModel.builder().tensorType("blk.0.attn_norm.weight", GgmlType.F16).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a weight matrix");
    // The 32-value formats work with the default sizes (64 wide, feed-forward 160).
    assertThat(TinyModel.builder().weightType(GgmlType.Q4_0).build().toBytes()).isNotEmpty();
  }
}
