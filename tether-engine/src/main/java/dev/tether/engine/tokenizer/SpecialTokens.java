package dev.tether.engine.tokenizer;

import java.util.OptionalInt;
import java.util.Set;

/**
 * A vocabulary's special tokens and how prompts use them.
 *
 * @param bos begin of sequence ({@code tokenizer.ggml.bos_token_id})
 * @param eos end of sequence
 * @param eot end of turn ({@code <|eot_id|>}, {@code <|im_end|>}): from the file, else recognised by
 *     its text
 * @param eom end of message (Llama 3.1 {@code <|eom_id|>})
 * @param pad padding
 * @param unknown the unknown token
 * @param addBos whether {@code encode(text, true, …)} starts with {@code bos}
 * @param addEos whether {@code encode(text, true, …)} ends with {@code eos}
 * @param endOfGeneration every token that ends generation: eos, eot, eom and the control tokens whose
 *     text conventionally ends a turn
 */
public record SpecialTokens(
    OptionalInt bos,
    OptionalInt eos,
    OptionalInt eot,
    OptionalInt eom,
    OptionalInt pad,
    OptionalInt unknown,
    boolean addBos,
    boolean addEos,
    Set<Integer> endOfGeneration) {

  /** Texts of tokens that end a turn in common chat formats (as llama.cpp's EOG detection lists). */
  static final Set<String> END_OF_TURN_TEXTS =
      Set.of(
          "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>",
          "<EOT>", "_<EOT>", "<|end_of_text|>", "<｜end▁of▁sentence｜>", "<|return|>", "<|call|>");

  /** End-of-turn texts in order of preference, for files that do not name their eot token. */
  static final java.util.List<String> EOT_TEXTS =
      java.util.List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<EOT>", "_<EOT>");

  /** Copies the set. */
  public SpecialTokens {
    endOfGeneration = Set.copyOf(endOfGeneration);
  }

  /** Whether generating this token ends the reply. */
  public boolean isEndOfGeneration(int token) {
    return endOfGeneration.contains(token);
  }
}
