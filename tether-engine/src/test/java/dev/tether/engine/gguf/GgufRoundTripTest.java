package dev.tether.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufRoundTripTest {
  @TempDir Path dir;

  /** One value of every type, at the edges of each range, and arrays of each, nested too. */
  static Map<String, GgufValue> everyType() {
    return Map.ofEntries(
        Map.entry("t.u8", GgufValue.uint8(255)),
        Map.entry("t.i8", GgufValue.int8(-128)),
        Map.entry("t.u16", GgufValue.uint16(65_535)),
        Map.entry("t.i16", GgufValue.int16(-32_768)),
        Map.entry("t.u32", GgufValue.uint32(0xFFFF_FFFFL)),
        Map.entry("t.i32", GgufValue.int32(Integer.MIN_VALUE)),
        Map.entry("t.u64", GgufValue.uint64(-1L)),
        Map.entry("t.i64", GgufValue.int64(Long.MIN_VALUE)),
        Map.entry("t.f32", GgufValue.float32(-1.5e-7f)),
        Map.entry("t.f64", GgufValue.float64(Math.PI)),
        Map.entry("t.bool", GgufValue.bool(true)),
        Map.entry("t.str", GgufValue.string("héllo ▁ 世界 🎉")),
        Map.entry("t.empty", GgufValue.string("")),
        Map.entry("t.a.u8", GgufValue.array(GgufType.UINT8, List.of(GgufValue.uint8(0), GgufValue.uint8(200)))),
        Map.entry("t.a.i16", GgufValue.array(GgufType.INT16, List.of(GgufValue.int16(-2), GgufValue.int16(3)))),
        Map.entry("t.a.u64", GgufValue.array(GgufType.UINT64, List.of(GgufValue.uint64(1L << 40)))),
        Map.entry("t.a.i32", GgufValue.int32s(new int[] {1, -2, 3})),
        Map.entry("t.a.f32", GgufValue.float32s(new float[] {0.5f, -0f, Float.MAX_VALUE})),
        Map.entry("t.a.f64", GgufValue.array(GgufType.FLOAT64, List.of(GgufValue.float64(1e300)))),
        Map.entry("t.a.bool", GgufValue.array(GgufType.BOOL, List.of(GgufValue.bool(false), GgufValue.bool(true)))),
        Map.entry("t.a.str", GgufValue.strings(List.of("a", "", "Ġthe", "<|im_start|>"))),
        Map.entry("t.a.empty", GgufValue.array(GgufType.INT8, List.of())),
        Map.entry(
            "t.a.nested",
            GgufValue.array(
                GgufType.ARRAY,
                List.of(
                    GgufValue.strings(List.of("x", "y")),
                    GgufValue.array(GgufType.ARRAY, List.of(GgufValue.int32s(new int[] {7}))),
                    GgufValue.array(GgufType.UINT32, List.of())))));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void readsBackEveryMetadataTypeItWrote(int version) throws IOException {
    GgufWriter w = new GgufWriter().version(version);
    everyType().forEach(w::put);
    Path file = dir.resolve("types.gguf");
    w.write(file);

    GgufHeader h = GgufHeader.read(file);

    assertThat(h.version()).isEqualTo(version);
    assertThat(h.metadata()).isEqualTo(everyType());
    assertThat(h.metadata().keySet()).containsExactlyElementsOf(w.metadata().keySet());
    assertThat(h.tensors()).isEmpty();
    assertThat(h.integer("t.u32")).hasValue(0xFFFF_FFFFL);
    assertThat(h.real("t.f32")).hasValue((double) -1.5e-7f);
    assertThat(h.string("t.str")).hasValue("héllo ▁ 世界 🎉");
    assertThat(h.bool("t.bool")).hasValue(true);
    assertThat(h.array("t.a.str").orElseThrow().strings()).containsExactly("a", "", "Ġthe", "<|im_start|>");
    assertThat(h.array("t.a.f32").orElseThrow().floats()).containsExactly(0.5f, -0f, Float.MAX_VALUE);
    assertThat(h.array("t.a.i32").orElseThrow().ints()).containsExactly(1, -2, 3);
    assertThat(GgufHeader.parse(MemorySegment.ofArray(w.toByteArray()), "mem").metadata())
        .isEqualTo(everyType());
  }

  @Test
  void writesTheSameBytesItReads() throws IOException {
    GgufWriter w = new GgufWriter();
    everyType().forEach(w::put);
    w.addTensor("a", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
    byte[] bytes = w.toByteArray();

    GgufHeader h = GgufHeader.parse(MemorySegment.ofArray(bytes), "mem");
    GgufWriter again = new GgufWriter();
    h.metadata().forEach(again::put);
    again.addTensor("a", new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});

    assertThat(again.toByteArray()).isEqualTo(bytes);
  }

  @Test
  void mapsTensorDataWithoutCopyingAtAlignedOffsets() throws IOException {
    byte[] q8 = new byte[2 * 34]; // two Q8_0 blocks of 32 values
    for (int i = 0; i < q8.length; i++) {
      q8[i] = (byte) i;
    }
    Path file = dir.resolve("tensors.gguf");
    new GgufWriter()
        .put(GgufHeader.ALIGNMENT_KEY, GgufValue.uint32(64))
        .addTensor("f32", new long[] {3}, new float[] {1f, -2f, 0.25f})
        .addTensor("f16", GgmlType.F16, new long[] {2, 2}, new float[] {1f, 0.5f, -3f, 65504f})
        .addTensor("bf16", GgmlType.BF16, new long[] {2}, new float[] {1f, -0.5f})
        .addTensor("q8", GgmlType.Q8_0, new long[] {64}, q8)
        .write(file);

    try (GgufFile g = GgufFile.open(file)) {
      GgufHeader h = g.header();
      assertThat(h.alignment()).isEqualTo(64);
      assertThat(h.dataOffset() % 64).isZero();
      assertThat(h.tensors()).extracting(GgufTensorInfo::name).containsExactly("f32", "f16", "bf16", "q8");
      assertThat(h.tensors()).allSatisfy(t -> assertThat(t.offset() % 64).isZero());
      MemorySegment f32 = g.tensorData("f32");
      assertThat(f32.byteSize()).isEqualTo(12);
      assertThat(f32.isMapped()).isTrue();
      assertThat(f32.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 1)).isEqualTo(-2f);
      MemorySegment f16 = g.tensorData("f16");
      assertThat(Float.float16ToFloat(f16.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, 3))).isEqualTo(65504f);
      MemorySegment bf16 = g.tensorData("bf16");
      assertThat(Float.intBitsToFloat(bf16.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, 1) << 16))
          .isEqualTo(-0.5f);
      assertThat(g.tensorData("q8").toArray(ValueLayout.JAVA_BYTE)).isEqualTo(q8);
      assertThat(h.tensor("q8").orElseThrow().byteSize()).isEqualTo(68);
      assertThat(h.parameterCount()).isEqualTo(3 + 4 + 2 + 64);
      assertThatThrownBy(() -> g.tensorData("missing")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void tensorSegmentsBecomeUnusableAfterClose() throws IOException {
    Path file = dir.resolve("closed.gguf");
    new GgufWriter().addTensor("x", new long[] {1}, new float[] {1}).write(file);
    MemorySegment data;
    try (GgufFile g = GgufFile.open(file)) {
      data = g.tensorData("x");
    }
    assertThatThrownBy(() -> data.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void skipsValuesTheCallerDoesNotWantButStillValidatesThem() throws IOException {
    Path file = dir.resolve("skip.gguf");
    GgufWriter w = new GgufWriter();
    everyType().forEach(w::put);
    w.put("tokenizer.ggml.tokens", GgufValue.strings(List.of("a", "b")));
    w.put("tokenizer.ggml.merges", GgufValue.strings(List.of("a b")));
    w.put("after", GgufValue.string("still read"));
    w.write(file);

    GgufHeader all = GgufHeader.read(file);
    GgufHeader lean = GgufHeader.read(file, GgufHeader.WITHOUT_VOCABULARY);
    GgufHeader none = GgufHeader.read(file, key -> key.equals("after"));

    assertThat(all.metadata()).containsKey("tokenizer.ggml.tokens");
    assertThat(lean.metadata()).doesNotContainKeys("tokenizer.ggml.tokens", "tokenizer.ggml.merges");
    assertThat(lean.string("after")).hasValue("still read");
    assertThat(none.metadata()).containsOnlyKeys("after");
    assertThat(none.dataOffset()).isEqualTo(all.dataOffset());
    assertThat(lean.offsetOf("tokenizer.ggml.tokens")).isEqualTo(all.offsetOf("tokenizer.ggml.tokens"));
  }

  @Test
  void typedGettersRejectTheWrongTypeWithTheValuesOffset() {
    byte[] bytes = new GgufWriter().put("a.b", GgufValue.string("x")).toByteArray();
    GgufHeader h = GgufHeader.parse(MemorySegment.ofArray(bytes), "f.gguf");

    assertThat(h.integer("missing")).isEmpty();
    assertThatThrownBy(() -> h.integer("a.b"))
        .isInstanceOf(GgufFormatException.class)
        .hasMessage("f.gguf: 'a.b' is a STRING, expected an integer (at byte offset 35)");
  }

  @Test
  void theWriterRejectsBadInput() {
    GgufWriter w = new GgufWriter().addTensor("x", new long[] {2}, new float[] {1, 2});
    assertThatThrownBy(() -> w.addTensor("x", new long[] {1}, new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> w.addTensor("y", new long[] {3}, new float[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.addTensor("z", GgmlType.Q4_0, new long[] {16}, new byte[9]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of the Q4_0 block size 32");
    assertThatThrownBy(() -> w.put(GgufHeader.ALIGNMENT_KEY, GgufValue.uint32(48)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgufValue.uint8(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GgufValue.array(GgufType.INT32, List.of(GgufValue.uint8(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GgufWriter().version(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyFileWithNoMetadataIsValid() throws IOException {
    Path file = dir.resolve("empty.gguf");
    new GgufWriter().write(file);
    GgufHeader h = GgufHeader.read(file);
    assertThat(h.metadata()).isEmpty();
    assertThat(h.tensors()).isEmpty();
    assertThat(Files.size(file)).isEqualTo(32); // 24 bytes of header padded to the alignment
  }
}
