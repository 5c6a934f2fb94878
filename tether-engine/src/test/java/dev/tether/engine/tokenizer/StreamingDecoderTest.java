package dev.tether.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingDecoderTest {
  @Test
  void neverReturnsHalfACharacter() {
    for (Tokenizer t : List.of(Vocabularies.tiny("qwen2"), Vocabularies.tinySentencePiece())) {
      for (String text : RoundTripTexts.TEXTS) {
        int[] ids = t.encode(text, false);
        StreamingDecoder d = t.streamingDecoder(false);
        StringBuilder out = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
          String part = d.next(id);
          parts.add(part);
          out.append(part);
        }
        out.append(d.finish());
        assertThat(parts).as(text).noneMatch(p -> p.contains("\uFFFD"));
        assertThat(parts).noneMatch(p -> !p.isEmpty() && Character.isLowSurrogate(p.charAt(0)));
        // SentencePiece streams keep the space prefix that decode() drops at the start.
        String expected = t instanceof SentencePieceTokenizer && !text.isEmpty() ? " " + text : text;
        assertThat(out.toString()).isEqualTo(expected);
      }
    }
  }

  @Test
  void holdsBackTheBytesOfAnEmojiUntilItIsComplete() {
    Tokenizer t = Vocabularies.tiny("qwen2");
    int[] ids = t.encode("🎉!", false);
    assertThat(ids).hasSize(5); // four byte tokens and "!"
    StreamingDecoder d = t.streamingDecoder(false);

    assertThat(d.next(ids[0])).isEmpty();
    assertThat(d.next(ids[1])).isEmpty();
    assertThat(d.next(ids[2])).isEmpty();
    assertThat(d.hasPending()).isTrue();
    assertThat(d.next(ids[3])).isEqualTo("🎉");
    assertThat(d.next(ids[4])).isEqualTo("!");
    assertThat(d.finish()).isEmpty();
  }

  @Test
  void releasesInvalidBytesAtOnceAndACutCharacterAtTheEnd() {
    assertThat(StreamingDecoder.completeLength(new byte[] {'a', (byte) 0xE6, (byte) 0x97})).isEqualTo(1);
    assertThat(StreamingDecoder.completeLength(new byte[] {(byte) 0x97})).isEqualTo(1);
    assertThat(StreamingDecoder.completeLength(new byte[] {(byte) 0xFF})).isEqualTo(1);
    Tokenizer t = Vocabularies.tiny("qwen2");
    StreamingDecoder d = t.streamingDecoder(false);
    d.next(t.encode("🎉", false)[0]);
    assertThat(d.finish()).isEqualTo("\uFFFD");
  }

  @Test
  void rendersControlTokensWhenAsked() {
    Tokenizer t = Vocabularies.tiny("qwen2");
    int end = t.tokenId("<|im_end|>").getAsInt();
    assertThat(t.streamingDecoder(true).next(end)).isEqualTo("<|im_end|>");
    assertThat(t.streamingDecoder(false).next(end)).isEmpty();
  }
}
