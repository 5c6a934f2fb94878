package dev.tether.engine.tiny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufFile;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.GgufTensorInfo;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.gguf.TokenizerMetadata;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TinyModelTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2", "qwen3"})
  void writesAModelWhoseMetadataAndTensorsMatchTheFamily(String arch) throws IOException {
    Path file = TinyModel.builder().architecture(arch).contextLength(512).build().write(dir.resolve(arch + ".gguf"));

    try (GgufFile g = GgufFile.open(file)) {
      ModelMetadata m = g.metadata();
      assertThat(m.architecture()).isEqualTo(arch);
      assertThat(m.name()).hasValue("tiny-" + arch);
      assertThat(m.contextLength()).hasValue(512);
      assertThat(m.embeddingLength()).hasValue(64);
      assertThat(m.blockCount()).hasValue(2);
      assertThat(m.headCount()).hasValue(4);
      assertThat(m.headCountKv()).hasValue(2);
      assertThat(m.feedForwardLength()).hasValue(160);
      assertThat(m.rmsNormEpsilon()).isPresent();
      assertThat(m.fileTypeName()).hasValue("F32");
      assertThat(m.chatTemplate()).isPresent();
      TokenizerMetadata t = m.tokenizer();
      assertThat(t.model()).hasValue("gpt2");
      assertThat(t.pre()).hasValue(arch.equals("llama") ? "llama-bpe" : "qwen2");
      assertThat(t.tokens()).hasSize(m.vocabSize()).contains("Ġthe", "Hello");
      assertThat(t.merges()).contains("Ġ t", "h e");
      assertThat(t.tokens().get(t.bosTokenId().getAsInt()))
          .isEqualTo(arch.equals("llama") ? "<|begin_of_text|>" : "<|endoftext|>");
      assertThat(t.tokenType(t.eosTokenId().getAsInt())).isEqualTo(TokenizerMetadata.CONTROL);

      GgufHeader h = g.header();
      assertThat(h.tensor("token_embd.weight").orElseThrow().dims()).containsExactly(64, m.vocabSize());
      assertThat(h.tensor("blk.1.attn_k.weight").orElseThrow().dims()).containsExactly(64, 32);
      assertThat(h.tensor("blk.0.ffn_down.weight").orElseThrow().dims()).containsExactly(160, 64);
      assertThat(h.tensor("output_norm.weight")).isPresent();
      assertThat(h.tensor("output.weight")).isPresent();
      assertThat(h.tensor("blk.0.attn_q.bias").isPresent()).isEqualTo(arch.equals("qwen2"));
      assertThat(h.tensor("blk.0.attn_q_norm.weight").isPresent()).isEqualTo(arch.equals("qwen3"));
      assertThat(h.tensors()).extracting(GgufTensorInfo::type).containsOnly(GgmlType.F32);
      assertThat(m.parameterCount()).isEqualTo(h.tensors().stream().mapToLong(GgufTensorInfo::elementCount).sum());
    }
  }

  @Test
  void theSameSettingsGiveTheSameBytesAndAnotherSeedOtherWeights() {
    byte[] a = TinyModel.builder().build().toBytes();
    assertThat(TinyModel.builder().build().toBytes()).isEqualTo(a);
    assertThat(TinyModel.builder().seed(43).build().toBytes()).isNotEqualTo(a).hasSameSizeAs(a);
  }

  @Test
  void writesHalfPrecisionWeightsTiedEmbeddingsAndASentencePieceVocabulary() throws IOException {
    Path file =
        TinyModel.builder()
            .weightType(GgmlType.F16)
            .tiedEmbeddings(true)
            .sentencePiece(true)
            .headDim(32)
            .build()
            .write(dir.resolve("spm.gguf"));

    GgufHeader h = GgufHeader.read(file);
    ModelMetadata m = ModelMetadata.from(h);
    assertThat(h.tensor("output.weight")).isEmpty();
    assertThat(h.tensor("blk.0.attn_q.weight").orElseThrow().type()).isEqualTo(GgmlType.F16);
    assertThat(h.tensor("blk.0.attn_q.weight").orElseThrow().dims()).containsExactly(64, 128);
    assertThat(h.tensor("blk.0.attn_norm.weight").orElseThrow().type()).isEqualTo(GgmlType.F32);
    assertThat(m.keyLength()).hasValue(32);
    assertThat(m.fileTypeName()).hasValue("F16");
    TokenizerMetadata t = m.tokenizer();
    assertThat(t.model()).hasValue("llama");
    assertThat(t.tokens().subList(0, 4)).containsExactly("<unk>", "<s>", "</s>", "<0x00>");
    assertThat(t.tokens()).contains("▁the", "<0xFF>");
    assertThat(t.scores()).hasSize(t.size());
    assertThat(t.tokenType(3)).isEqualTo(TokenizerMetadata.BYTE);
    assertThat(t.bosTokenId()).hasValue(1);
    assertThat(t.addBosToken()).hasValue(true);
  }

  @Test
  void readingWithoutTheVocabularyStillKnowsTheVocabularySize() throws IOException {
    Path file = TinyModel.builder().build().write(dir.resolve("m.gguf"));
    ModelMetadata full = ModelMetadata.from(GgufHeader.read(file));
    ModelMetadata lean = ModelMetadata.from(GgufHeader.read(file, GgufHeader.WITHOUT_VOCABULARY));

    assertThat(lean.tokenizer().tokens()).isEmpty();
    assertThat(lean.vocabSize()).isEqualTo(full.vocabSize());
    assertThat(lean.contextLength()).isEqualTo(full.contextLength());
    assertThat(lean.parameterCount()).isEqualTo(full.parameterCount());
  }

  @Test
  void rejectsShapesNoModelHas() {
    assertThatThrownBy(() -> TinyModel.builder().architecture("gpt-j").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TinyModel.builder().headCount(4).headCountKv(3).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TinyModel.builder().weightType(GgmlType.Q4_K).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
