package dev.tether.engine.tokenizer;

import static dev.tether.engine.tokenizer.Vocabularies.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgufValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BytePairTokenizerTest {
  /** Merges in rank order, as a GPT-2 style trainer would emit them. */
  private static final List<String[]> MERGES =
      List.of(
          new String[] {" ", "t"},
          new String[] {"l", "l"},
          new String[] {"e", "ll"},
          new String[] {"h", "ell"},
          new String[] {"h", "e"},
          new String[] {" t", "he"},
          new String[] {"hell", "o"},
          new String[] {" ", "hello"},
          new String[] {"1", "2"},
          new String[] {" ", " "});

  private static Tokenizer handMade(String pre) {
    return Vocabularies.from(
        Vocabularies.bytePairs(pre, MERGES, List.of("<|im_start|>", "<|im_end|>"), List.of("<tool_call>")));
  }

  @Test
  void mergesLowestRankFirstWithinEachWord() {
    Tokenizer t = handMade("gpt2");

    assertThat(texts(t, t.encode(" the hello hello", false)))
        .containsExactly("Ġthe", "Ġhello", "Ġhello");
    // "l l" outranks "h e", so "hello" forms via "ll", "ell", "hell", "hello"; in "theo" the "h e"
    // merge applies, but no merge joins "t" and "he".
    assertThat(texts(t, t.encode("hello", false))).containsExactly("hello");
    assertThat(texts(t, t.encode("theo", false))).containsExactly("t", "he", "o");
    assertThat(texts(t, t.encode("123", false))).containsExactly("12", "3");
  }

  @Test
  void theIdsAreTheVocabularyIndexes() {
    Tokenizer t = handMade("gpt2");
    // 256 byte tokens, then one token per merge: "Ġt" 256, "ll" 257, "ell" 258, "hell" 259, "he" 260,
    // "Ġthe" 261.
    assertThat(t.encode(" the", false)).containsExactly(261);
    // GPT-2 byte order: '!' is id 0, 'a' is id 64, a space ('Ġ') id 220.
    assertThat(t.encode("!a ", false)).containsExactly(0, 64, 220);
  }

  @Test
  void agreesWithAPlainReferenceBpeOnRandomText() {
    for (String arch : List.of("llama", "qwen2")) {
      Tokenizer t = Vocabularies.tiny(arch);
      BytePairTokenizer bpe = (BytePairTokenizer) t;
      Map<String, Integer> ranks = new HashMap<>();
      List<String> merges = dev.tether.engine.tiny.TinyModel.defaultVocabulary(arch, false).merges();
      for (int r = 0; r < merges.size(); r++) {
        ranks.putIfAbsent(merges.get(r), r);
      }
      Random random = new Random(11);
      String alphabet = "thequickbrownfox  \n\t HelloWorld()=;{}.,0123 _-'\"";
      for (int i = 0; i < 500; i++) {
        StringBuilder b = new StringBuilder();
        for (int k = 1 + random.nextInt(20); k > 0; k--) {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String word = b.toString();
        assertThat(texts(t, bpe.encodeWord(word)))
            .as("%s %s", arch, word)
            .containsExactlyElementsOf(referenceBpe(t, ranks, word, arch.equals("llama")));
      }
    }
  }

  /** GPT-2's bpe(): merge every occurrence of the best-ranked pair, repeat. Slow and obviously right. */
  private static List<String> referenceBpe(
      Tokenizer t, Map<String, Integer> ranks, String word, boolean ignoreMerges) {
    String bl = Vocabularies.byteLevel(word);
    if (ignoreMerges && t.tokenId(bl).isPresent()) {
      return List.of(bl);
    }
    List<String> parts = new ArrayList<>();
    bl.chars().forEach(c -> parts.add(String.valueOf((char) c)));
    while (parts.size() > 1) {
      int best = Integer.MAX_VALUE;
      String bestPair = null;
      for (int i = 0; i + 1 < parts.size(); i++) {
        Integer r = ranks.get(parts.get(i) + " " + parts.get(i + 1));
        if (r != null && r < best) {
          best = r;
          bestPair = parts.get(i) + " " + parts.get(i + 1);
        }
      }
      if (bestPair == null) {
        break;
      }
      for (int i = 0; i + 1 < parts.size(); i++) {
        if ((parts.get(i) + " " + parts.get(i + 1)).equals(bestPair)) {
          parts.set(i, parts.get(i) + parts.remove(i + 1));
        }
      }
    }
    return parts;
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama", "qwen2"})
  void roundTripsVariedText(String arch) {
    Tokenizer t = Vocabularies.tiny(arch);
    for (String text : RoundTripTexts.TEXTS) {
      assertThat(t.decode(t.encode(text, false))).isEqualTo(text);
      assertThat(t.decode(t.encode(text, true, true), true)).endsWith(text);
    }
  }

  @Test
  void cutsOutControlTokensOnlyWhenAskedButUserDefinedOnesAlways() {
    Tokenizer t = handMade("qwen2");
    int imStart = t.tokenId("<|im_start|>").getAsInt();
    int toolCall = t.tokenId("<tool_call>").getAsInt();
    String text = "<|im_start|>user\n<tool_call>";

    int[] parsed = t.encode(text, true);
    int[] plain = t.encode(text, false);

    assertThat(parsed[0]).isEqualTo(imStart);
    assertThat(parsed).endsWith(toolCall);
    assertThat(plain).doesNotContain(imStart).endsWith(toolCall);
    assertThat(t.decode(plain)).isEqualTo(text);
    assertThat(t.decode(parsed)).isEqualTo("user\n<tool_call>"); // control tokens are not text
    assertThat(t.decode(parsed, true)).isEqualTo(text);
  }

  @Test
  void prefersTheLongestSpecialTokenAtAPosition() {
    Tokenizer t =
        Vocabularies.from(Vocabularies.bytePairs("gpt2", List.of(), List.of("<|a|>", "<|a|>b"), List.of()));
    assertThat(texts(t, t.encode("<|a|>b<|a|>", true))).containsExactly("<|a|>b", "<|a|>");
  }

  @Test
  void addsBosPerTheFileAndTheFamilyDefault() {
    Tokenizer llama = Vocabularies.tiny("llama");
    Tokenizer qwen = Vocabularies.tiny("qwen2");
    int bos = llama.specialTokens().bos().getAsInt();

    assertThat(llama.encode("hi", true, false)).startsWith(bos);
    assertThat(llama.encode("hi", false, false)).doesNotContain(bos);
    assertThat(qwen.specialTokens().addBos()).isFalse();
    assertThat(qwen.encode("hi", true, false)).doesNotContain(qwen.specialTokens().bos().getAsInt());
    // Without add_bos_token in the file, llama-bpe vocabularies add BOS (llama.cpp's default).
    Tokenizer noFlag =
        Vocabularies.from(
            dev.tether.engine.tiny.TinyModel.defaultVocabulary("llama", false),
            w -> w.remove("tokenizer.ggml.add_bos_token"));
    assertThat(noFlag.specialTokens().addBos()).isTrue();
    Tokenizer eos = Vocabularies.from(
        dev.tether.engine.tiny.TinyModel.defaultVocabulary("qwen2", false), Vocabularies.bool("tokenizer.ggml.add_eos_token", true));
    assertThat(eos.encode("hi", true, false)).endsWith(eos.specialTokens().eos().getAsInt());
  }

  @Test
  void knowsTheEndOfGenerationTokens() {
    SpecialTokens llama = Vocabularies.tiny("llama").specialTokens();
    Tokenizer t = Vocabularies.tiny("llama");
    assertThat(llama.eot()).hasValue(t.tokenId("<|eot_id|>").getAsInt());
    assertThat(llama.isEndOfGeneration(t.tokenId("<|eot_id|>").getAsInt())).isTrue();
    assertThat(llama.isEndOfGeneration(t.tokenId("<|end_of_text|>").getAsInt())).isTrue();
    assertThat(llama.isEndOfGeneration(t.tokenId("<|start_header_id|>").getAsInt())).isFalse();
  }

  @Test
  void llama3StyleVocabulariesTakeAWholeWordTokenWithoutMerging() {
    // "hello" is a token but no merge builds it from " " + ...; with qwen2 rules the merges decide.
    var v = Vocabularies.withTokens(Vocabularies.bytePairs("llama-bpe", MERGES, List.of(), List.of()), "xyz");
    Tokenizer llama = Vocabularies.from(v);
    Tokenizer qwen =
        Vocabularies.from(v, w -> w.put("tokenizer.ggml.pre", GgufValue.string("qwen2")));
    assertThat(texts(llama, llama.encode("xyz", false))).containsExactly("xyz");
    assertThat(texts(qwen, qwen.encode("xyz", false))).containsExactly("x", "y", "z");
  }

  @Test
  void fallsBackToTheDefaultSplitterForAnUnknownPreTokenizer() {
    Tokenizer t =
        Vocabularies.from(
            Vocabularies.bytePairs("no-such-splitter", MERGES, List.of(), List.of()));
    assertThat(((BytePairTokenizer) t).preTokenizer().name()).isEqualTo("default");
    assertThat(t.decode(t.encode("it's fine", false))).isEqualTo("it's fine");
  }

  @Test
  void rejectsVocabulariesItCannotUse() {
    var v = Vocabularies.bytePairs("gpt2", MERGES, List.of(), List.of());
    assertThatThrownBy(() -> Vocabularies.from(v, w -> w.put("tokenizer.ggml.model", GgufValue.string("bert"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bert' is not supported");
    assertThatThrownBy(() -> Vocabularies.from(v, w -> w.remove("tokenizer.ggml.tokens").remove("tokenizer.ggml.token_type")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no vocabulary");
  }

  @Test
  void decodesBytesThatAreNotUtf8AsReplacementCharacters() {
    Tokenizer t = handMade("gpt2");
    byte[] emoji = "🎉".getBytes(StandardCharsets.UTF_8);
    int first = t.tokenId(String.valueOf(ByteLevel.charOf(emoji[0]))).getAsInt();
    assertThat(t.decode(new int[] {first})).isEqualTo("\uFFFD");
    assertThatThrownBy(() -> t.decode(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
  }
}
