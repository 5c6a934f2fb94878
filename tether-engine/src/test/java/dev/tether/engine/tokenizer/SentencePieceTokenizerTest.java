package dev.tether.engine.tokenizer;

import static dev.tether.engine.tokenizer.Vocabularies.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.gguf.TokenizerMetadata;
import dev.tether.engine.tiny.TinyVocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentencePieceTokenizerTest {
  /** A hand-made vocabulary: pieces with scores (higher merges first), byte fallback tokens. */
  private static Tokenizer handMade(boolean addSpacePrefix) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<Integer> types = new ArrayList<>(List.of(TokenizerMetadata.UNKNOWN, TokenizerMetadata.CONTROL, TokenizerMetadata.CONTROL));
    List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(TokenizerMetadata.BYTE);
      scores.add(0f);
    }
    Object[][] pieces = {
      {"▁", -1f}, {"h", -2f}, {"e", -3f}, {"l", -4f}, {"o", -5f}, {"w", -6f}, {"r", -7f}, {"d", -8f},
      {"ll", -10f}, {"he", -11f}, {"hell", -12f}, {"hello", -13f}, {"▁hello", -14f}, {"▁w", -20f},
      {"or", -21f}, {"▁wor", -22f}, {"▁world", -23f}, {"ld", -24f}, {"[INST]", 0f}
    };
    for (Object[] p : pieces) {
      tokens.add((String) p[0]);
      types.add(p[0].equals("[INST]") ? TokenizerMetadata.USER_DEFINED : TokenizerMetadata.NORMAL);
      scores.add((Float) p[1]);
    }
    float[] s = new float[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
    }
    TinyVocabulary v =
        new TinyVocabulary("llama", "default", tokens, types.stream().mapToInt(i -> i).toArray(), s, List.of(),
            Map.of("bos", 1, "eos", 2, "unk", 0), true);
    return Vocabularies.from(v, Vocabularies.bool("tokenizer.ggml.add_space_prefix", addSpacePrefix));
  }

  @Test
  void mergesTheHighestScoringPairsAndPrefixesASpace() {
    Tokenizer t = handMade(true);

    assertThat(texts(t, t.encode("hello world", false))).containsExactly("▁hello", "▁world");
    assertThat(t.encode("hello", true, false)).startsWith(1);
    assertThat(texts(t, t.encode("held", false))).containsExactly("▁", "he", "ld"); // "he" (-11) before "ld" (-24)
  }

  @Test
  void writesUnknownCharactersAsUtf8ByteTokens() {
    Tokenizer t = handMade(true);

    assertThat(texts(t, t.encode("h🎉", false)))
        .containsExactly("▁", "h", "<0xF0>", "<0x9F>", "<0x8E>", "<0x89>");
    assertThat(t.decode(t.encode("h🎉", false))).isEqualTo("h🎉");
  }

  @Test
  void putsTheSpacePrefixAfterSpecialTokensAndDropsItOnDecoding() {
    Tokenizer t = handMade(true);
    int[] ids = t.encode("[INST]hello", false);

    assertThat(texts(t, ids)).containsExactly("[INST]", "▁hello");
    assertThat(t.decode(ids)).isEqualTo("[INST]hello");
  }

  @Test
  void addsNoSpaceWhenTheFileSaysSo() {
    Tokenizer t = handMade(false);
    assertThat(texts(t, t.encode("hello world", false))).containsExactly("hello", "▁world");
    assertThat(t.decode(t.encode(" hello", false))).isEqualTo(" hello");
  }

  @Test
  void roundTripsVariedText() {
    for (Tokenizer t : List.of(handMade(true), handMade(false), Vocabularies.tinySentencePiece())) {
      for (String text : RoundTripTexts.TEXTS) {
        assertThat(t.decode(t.encode(text, false))).as(text).isEqualTo(text);
      }
    }
  }

  @Test
  void decodesControlAndUnknownTokensOnlyWhenAsked() {
    Tokenizer t = handMade(true);
    int[] ids = {1, t.tokenId("▁hello").getAsInt(), 0, 2};
    assertThat(t.decode(ids)).isEqualTo("hello");
    assertThat(t.decode(ids, true)).isEqualTo("<s>hello<unk></s>");
  }
}
