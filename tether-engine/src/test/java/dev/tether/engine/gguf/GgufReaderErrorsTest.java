package dev.tether.engine.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile and broken files: each is rejected with the problem and the byte offset of its cause. */
class GgufReaderErrorsTest {
  @TempDir Path dir;

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        Arguments.of("empty", new byte[0], 0, "the file ends in the magic number"),
        Arguments.of("too short", new byte[] {'G', 'G'}, 0, "the file ends in the magic number"),
        Arguments.of("not GGUF", "PK\3\4xxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(), 0, "not a GGUF file"),
        Arguments.of("version 1", RawGguf.header(1, 0, 0).bytes(), 4, "GGUF version 1 is not supported"),
        Arguments.of(
            "big-endian", RawGguf.header(0x0300_0000L, 0, 0).bytes(), 4, "big-endian GGUF files"),
        Arguments.of("version 9", RawGguf.header(9, 0, 0).bytes(), 4, "unsupported GGUF version 9"),
        Arguments.of(
            "2^40 metadata entries",
            RawGguf.header(3, 0, 1L << 40).zeros(64).bytes(),
            16,
            "claims 1099511627776 metadata entries, but only 64 bytes remain"),
        Arguments.of(
            "2^62 tensors",
            RawGguf.header(3, 1L << 62, 0).zeros(64).bytes(),
            8,
            "claims 4611686018427387904 tensor infos"),
        Arguments.of(
            "a key 2^60 bytes long",
            RawGguf.header(3, 0, 1).u64(1L << 60).zeros(16).bytes(),
            24,
            "the length of metadata key 0 is 1152921504606846976 bytes, but only 16 remain"),
        Arguments.of(
            "a string value 2^64-1 bytes long",
            RawGguf.header(3, 0, 1).str("k").u32(8).u64(-1).zeros(16).bytes(),
            37,
            "the length of the value of 'k' is 18446744073709551615 bytes"),
        Arguments.of(
            "an array of 2^40 uint32",
            RawGguf.header(3, 0, 1).str("k").u32(9).u32(4).u64(1L << 40).zeros(16).bytes(),
            41,
            "claims 1099511627776 elements of type UINT32 in 'k'"),
        Arguments.of(
            "an array of 2^40 empty arrays",
            RawGguf.header(3, 0, 1).str("k").u32(9).u32(9).u64(1L << 40).zeros(16).bytes(),
            41,
            "claims 1099511627776 elements of type ARRAY in 'k'"),
        Arguments.of(
            "an unknown value type",
            RawGguf.header(3, 0, 1).str("k").u32(13).zeros(8).bytes(),
            33,
            "unknown value type 13 for the value of 'k'"),
        Arguments.of(
            "a bool of 2",
            RawGguf.header(3, 0, 1).str("k").u32(7).u8(2).bytes(),
            37,
            "the value of 'k' is a BOOL of 2, not 0 or 1"),
        Arguments.of(
            "a duplicate key",
            RawGguf.header(3, 0, 2).kvU32("k", 1).kvU32("k", 2).bytes(),
            41,
            "duplicate metadata key 'k'"),
        Arguments.of(
            "alignment 48",
            RawGguf.header(3, 0, 1).kvU32("general.alignment", 48).bytes(),
            49,
            "general.alignment must be a power of two, not 48"),
        Arguments.of(
            "a truncated uint32",
            RawGguf.header(3, 0, 1).str("k").u32(4).u8(1).u8(2).bytes(),
            37,
            "the file ends in the value of 'k' (needs 4 bytes, 2 remain)"),
        Arguments.of(
            "a tensor with 5 dimensions",
            RawGguf.header(3, 1, 0).tensor("t", GgmlType.F32, 0, 1, 1, 1, 1, 1).pad().zeros(32).bytes(),
            33,
            "tensor 't' has 5 dimensions"),
        Arguments.of(
            "an unknown ggml type",
            RawGguf.header(3, 1, 0).str("t").u32(1).u64(4).u32(4).u64(0).pad().zeros(32).bytes(),
            45,
            "tensor 't' has unknown or removed ggml type 4"),
        Arguments.of(
            "a partial quantisation block",
            RawGguf.header(3, 1, 0).tensor("t", GgmlType.Q4_K, 0, 100).pad().zeros(256).bytes(),
            33,
            "not a multiple of the Q4_K block size 256"),
        Arguments.of(
            "an element count that overflows",
            RawGguf.header(3, 1, 0).tensor("t", GgmlType.F32, 0, 1L << 40, 1L << 40).pad().bytes(),
            45,
            "the element count of tensor 't' overflows 64 bits"),
        Arguments.of(
            "a misaligned tensor",
            RawGguf.header(3, 1, 0).tensor("t", GgmlType.F32, 4, 1).pad().zeros(64).bytes(),
            49,
            "data offset 4, not a multiple of the alignment 32"),
        Arguments.of(
            "a tensor past the end",
            RawGguf.header(3, 1, 0).tensor("t", GgmlType.F32, 0, 9).pad().zeros(32).bytes(),
            24,
            "the data of tensor 't' (36 bytes at data offset 0) extends past the end of the file"),
        Arguments.of(
            "overlapping tensors",
            RawGguf.header(3, 2, 0)
                .tensor("a", GgmlType.F32, 0, 16)
                .tensor("b", GgmlType.F32, 32, 16)
                .pad()
                .zeros(128)
                .bytes(),
            57,
            "the data of tensor 'b' overlaps that of tensor 'a'"),
        Arguments.of(
            "a duplicate tensor",
            RawGguf.header(3, 2, 0)
                .tensor("a", GgmlType.F32, 0, 1)
                .tensor("a", GgmlType.F32, 32, 1)
                .pad()
                .zeros(64)
                .bytes(),
            57,
            "duplicate tensor name 'a'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void rejectsWithTheFileTheProblemAndTheOffset(
      String description, byte[] bytes, long offset, String problem) throws IOException {
    Path file = dir.resolve("broken.gguf");
    Files.write(file, bytes);

    GgufFormatException e =
        catchThrowableOfType(GgufFormatException.class, () -> GgufHeader.read(file));

    assertThat(e).as(description).isNotNull();
    assertThat(e.getMessage()).startsWith(file + ": ").contains(problem).endsWith("(at byte offset " + offset + ")");
    assertThat(e.file()).isEqualTo(file.toString());
    assertThat(e.offset()).isEqualTo(offset);
  }

  @Test
  void refusesArraysNestedDeeperThanTheLimit() {
    RawGguf raw = RawGguf.header(3, 0, 1).str("k").u32(GgufType.ARRAY.id());
    for (int i = 0; i < 100; i++) {
      raw.u32(GgufType.ARRAY.id()).u64(1);
    }
    raw.u32(GgufType.UINT8.id()).u64(0);

    GgufFormatException e =
        catchThrowableOfType(
            GgufFormatException.class, () -> GgufHeader.parse(MemorySegment.ofArray(raw.bytes()), "deep"));

    assertThat(e).hasMessageContaining("arrays nested deeper than 8 in 'k'");
  }

  @Test
  void refusesArraysLargerThanAnyVocabularyEvenWhenTheBytesAreThere() {
    int n = GgufReader.MAX_ARRAY_ELEMENTS + 1;
    byte[] head = RawGguf.header(3, 0, 1).str("k").u32(GgufType.ARRAY.id()).u32(GgufType.UINT8.id()).u64(n).bytes();
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + n);

    GgufFormatException e =
        catchThrowableOfType(GgufFormatException.class, () -> GgufHeader.parse(MemorySegment.ofArray(bytes), "big"));

    assertThat(e).hasMessageContaining("'k' has 16777217 elements, more than the 16777216 allowed");
    assertThat(e.offset()).isEqualTo(41);
  }

  @Test
  void acceptsArraysNestedUpToTheLimit() {
    RawGguf raw = RawGguf.header(3, 0, 1).str("k").u32(GgufType.ARRAY.id());
    for (int i = 0; i < GgufReader.MAX_ARRAY_DEPTH - 1; i++) {
      raw.u32(GgufType.ARRAY.id()).u64(1);
    }
    raw.u32(GgufType.UINT8.id()).u64(1).u8(7);

    GgufHeader h = GgufHeader.parse(MemorySegment.ofArray(raw.bytes()), "deep");

    GgufValue v = h.metadata().get("k");
    for (int i = 0; i < GgufReader.MAX_ARRAY_DEPTH - 1; i++) {
      v = ((GgufValue.ArrayValue) v).elements().getFirst();
    }
    assertThat(((GgufValue.ArrayValue) v).elements()).containsExactly(GgufValue.uint8(7));
  }

  @Test
  void modelMetadataRejectsAMissingArchitectureAndWrongTypes() {
    GgufHeader noArch = GgufHeader.parse(MemorySegment.ofArray(new GgufWriter().toByteArray()), "a.gguf");
    assertThat(catchThrowableOfType(GgufFormatException.class, () -> ModelMetadata.from(noArch)))
        .hasMessageContaining("no general.architecture");

    byte[] bytes =
        new GgufWriter()
            .put("general.architecture", GgufValue.string("llama"))
            .put("llama.context_length", GgufValue.string("4096"))
            .toByteArray();
    GgufHeader wrong = GgufHeader.parse(MemorySegment.ofArray(bytes), "b.gguf");
    assertThat(catchThrowableOfType(GgufFormatException.class, () -> ModelMetadata.from(wrong)))
        .hasMessageContaining("'llama.context_length' is a STRING, expected an integer");
  }
}
