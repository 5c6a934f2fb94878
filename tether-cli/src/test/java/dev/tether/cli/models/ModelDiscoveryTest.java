package dev.tether.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.tiny.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDiscoveryTest {
  @TempDir static Path shared;
  static byte[] llama;
  static byte[] qwen;

  @TempDir Path home;

  @BeforeAll
  static void models() {
    llama = TinyModel.builder().architecture("llama").name("tiny-llama").contextLength(4096).build().toBytes();
    qwen = TinyModel.builder().architecture("qwen2").name("tiny-qwen").contextLength(32768).build().toBytes();
  }

  private Path write(String relative, byte[] bytes) throws IOException {
    Path p = home.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return p;
  }

  private ModelStores stores() {
    return ModelStores.standard(home.resolve(".tether/models"), Map.of("HOME", home.toString()));
  }

  @Test
  void findsModelsInEveryStoreUnderTheNamesEachToolUses() throws IOException {
    write(".tether/models/mine.gguf", llama);
    write(".tether/models/folder/nested.gguf", qwen);
    // Ollama: a manifest naming a blob by digest.
    write(".ollama/models/blobs/sha256-abc123", qwen);
    Files.writeString(write(".ollama/models/manifests/registry.ollama.ai/library/qwen2.5-coder/7b", new byte[0]), """
        {"schemaVersion":2,"layers":[
          {"mediaType":"application/vnd.ollama.image.model","digest":"sha256:abc123","size":1},
          {"mediaType":"application/vnd.ollama.image.template","digest":"sha256:def","size":1}]}""");
    write(".ollama/models/blobs/sha256-fff", llama);
    Files.writeString(write(".ollama/models/manifests/registry.ollama.ai/someone/custom/latest", new byte[0]),
        "{\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:fff\"}]}");
    write(".lmstudio/models/lmstudio-community/Qwen-GGUF/qwen-q4.gguf", qwen);
    write(".cache/huggingface/hub/models--bartowski--Llama-GGUF/snapshots/0123abc/Llama-Q8_0.gguf", llama);
    write(".cache/llama.cpp/ggml-org_gemma_gemma-q4.gguf", llama);

    List<ModelEntry> found = ModelDiscovery.discover(stores());
    assertThat(found).extracting(ModelEntry::name, ModelEntry::source).containsExactly(
        org.assertj.core.groups.Tuple.tuple("folder/nested", ModelSource.TETHER),
        org.assertj.core.groups.Tuple.tuple("mine", ModelSource.TETHER),
        org.assertj.core.groups.Tuple.tuple("qwen2.5-coder:7b", ModelSource.OLLAMA),
        org.assertj.core.groups.Tuple.tuple("someone/custom:latest", ModelSource.OLLAMA),
        org.assertj.core.groups.Tuple.tuple("lmstudio-community/Qwen-GGUF/qwen-q4", ModelSource.LM_STUDIO),
        org.assertj.core.groups.Tuple.tuple("bartowski/Llama-GGUF:Llama-Q8_0", ModelSource.HUGGING_FACE),
        org.assertj.core.groups.Tuple.tuple("ggml-org_gemma_gemma-q4", ModelSource.LLAMA_CPP));
    ModelEntry ollama = ModelDiscovery.find(found, "qwen2.5-coder:7b").orElseThrow();
    assertThat(ollama.architecture()).isEqualTo("qwen2");
    assertThat(ollama.contextLength()).isEqualTo(32768);
    assertThat(ollama.parameters()).isPositive();
    assertThat(ollama.sizeBytes()).isEqualTo(qwen.length);
    assertThat(ollama.problem()).isNull();
  }

  @Test
  void splitModelsShowOnceWithTheirTotalSizeAndProjectorsAreSkipped() throws IOException {
    write(".tether/models/big-00001-of-00002.gguf", llama);
    write(".tether/models/big-00002-of-00002.gguf", new byte[1000]);
    write(".tether/models/mmproj-vision.gguf", llama);
    List<ModelEntry> found = ModelDiscovery.discover(stores());
    assertThat(found).extracting(ModelEntry::name).containsExactly("big");
    assertThat(found.getFirst().sizeBytes()).isEqualTo(llama.length + 1000L);
  }

  @Test
  void aCorruptFileIsListedWithWhatIsWrong() throws IOException {
    byte[] broken = java.util.Arrays.copyOf(llama, 40);
    write(".tether/models/broken.gguf", broken);
    List<ModelEntry> found = ModelDiscovery.discover(stores());
    assertThat(found).hasSize(1);
    assertThat(found.getFirst().problem()).contains("broken.gguf").contains("offset");
    assertThat(ModelTable.render(found)).anyMatch(l -> l.contains("(unreadable)"))
        .anyMatch(l -> l.startsWith("unreadable: "));
  }

  @Test
  void findMatchesExactNamesOrAUniquePart() throws IOException {
    write(".tether/models/qwen-a.gguf", qwen);
    write(".tether/models/qwen-b.gguf", qwen);
    write(".tether/models/llama.gguf", llama);
    List<ModelEntry> found = ModelDiscovery.discover(stores());
    assertThat(ModelDiscovery.find(found, "LLAMA")).map(ModelEntry::name).contains("llama");
    assertThat(ModelDiscovery.find(found, "qwen")).isEmpty();
    assertThat(ModelDiscovery.find(found, "qwen-b")).map(ModelEntry::name).contains("qwen-b");
  }

  @Test
  void hundredsOfFilesAreDescribedQuickly() throws IOException {
    for (int i = 0; i < 300; i++) {
      write(".tether/models/m" + i + ".gguf", i % 2 == 0 ? llama : qwen);
    }
    long start = System.nanoTime();
    List<ModelEntry> found = ModelDiscovery.discover(stores());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(found).hasSize(300).allSatisfy(m -> assertThat(m.problem()).isNull());
    // Reported, not asserted: timing on shared machines is noise.
    System.out.println("discovered 300 GGUF files in " + ms + " ms");
  }
}
