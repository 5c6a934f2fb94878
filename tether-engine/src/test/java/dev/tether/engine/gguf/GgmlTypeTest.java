package dev.tether.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GgmlTypeTest {
  @Test
  void knowsTheBlockLayoutsOfTheCommonTypes() {
    // Bytes per 256 weights, from the block structs in ggml-common.h.
    assertThat(GgmlType.Q4_K.byteSize(256)).isEqualTo(144);
    assertThat(GgmlType.Q6_K.byteSize(256)).isEqualTo(210);
    assertThat(GgmlType.Q8_0.byteSize(256)).isEqualTo(8 * 34);
    assertThat(GgmlType.Q4_0.byteSize(256)).isEqualTo(8 * 18);
    assertThat(GgmlType.MXFP4.byteSize(256)).isEqualTo(8 * 17);
    assertThat(GgmlType.BF16.byteSize(256)).isEqualTo(512);
    assertThat(GgmlType.F32.isQuantized()).isFalse();
    assertThat(GgmlType.Q5_K.isQuantized()).isTrue();
  }

  @Test
  void mapsIdsBothWaysAndRejectsRemovedOnes() {
    for (GgmlType t : GgmlType.values()) {
      assertThat(GgmlType.byId(t.id())).isSameAs(t);
    }
    assertThat(GgmlType.byId(4)).isNull(); // Q4_2, removed
    assertThat(GgmlType.byId(31)).isNull(); // Q4_0_4_4, removed
    assertThat(GgmlType.byId(40)).isNull();
    assertThat(GgmlType.byId(-1)).isNull();
    assertThat(GgmlType.Q6_K.id()).isEqualTo(14);
    assertThat(GgmlType.BF16.id()).isEqualTo(30);
  }

  @Test
  void rejectsPartialBlocksAndOverflow() {
    assertThatThrownBy(() -> GgmlType.Q4_K.byteSize(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgmlType.F64.byteSize(Long.MAX_VALUE / 2))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void namesFileTypesAsLlamaCppDoes() {
    assertThat(GgufFileType.name(15)).isEqualTo("Q4_K_M");
    assertThat(GgufFileType.name(7)).isEqualTo("Q8_0");
    assertThat(GgufFileType.name(1)).isEqualTo("F16");
    assertThat(GgufFileType.name(32)).isEqualTo("BF16");
    assertThat(GgufFileType.name(38)).isEqualTo("MXFP4_MOE");
    assertThat(GgufFileType.name(1024 + 18)).isEqualTo("Q6_K (guessed)");
    assertThat(GgufFileType.name(5)).isEqualTo("unknown(5)");
    assertThat(GgufFileType.byName("Q4_K_M")).isEqualTo(15);
    assertThat(GgufFileType.byName("nope")).isEqualTo(-1);
  }
}
