/**
 * Tokenizers built from GGUF metadata ({@code tokenizer.ggml.*}), matching what llama.cpp does with
 * the same file: {@link dev.tether.engine.tokenizer.BytePairTokenizer} for byte-level BPE ({@code
 * gpt2}) with the word splitter named by {@code tokenizer.ggml.pre}, and {@link
 * dev.tether.engine.tokenizer.SentencePieceTokenizer} for SentencePiece BPE ({@code llama}) with byte
 * fallback. Entry point: {@link dev.tether.engine.tokenizer.Tokenizer#from}.
 *
 * <p>The word splitters ({@link dev.tether.engine.tokenizer.PreTokenizer}) are hand-written scanners
 * equivalent to the models' regexes, which use Unicode classes, {@code (?i:…)} groups and backtracking
 * that {@code java.util.regex} handles differently; a generated test compares them with Python's
 * {@code regex} module.
 *
 * <p>Known differences from llama.cpp, all outside what mainstream Llama 3, Qwen 2.5/3, Mistral and
 * DeepSeek-distill files exercise:
 *
 * <ul>
 *   <li>Pre-tokenizers llama.cpp knows and this package does not ({@code falcon}, {@code
 *       deepseek-v3}, {@code kimi-k2}, {@code chameleon}, {@code bloom}, {@code viking}, {@code
 *       superbpe}, {@code bailingmoe}, {@code seed-coder}, …) fall back to {@code default} with a
 *       warning, which llama.cpp does only for names it does not know.
 *   <li>Special tokens are cut out left to right, longest first at each position; llama.cpp cuts each
 *       special token in turn, longest first over the whole text (the same for non-overlapping
 *       tokens), and honours per-token lstrip/rstrip attributes, which GGUF does not carry for most
 *       models.
 *   <li>A merge naming a token the vocabulary lacks is ignored; llama.cpp merges by text and falls
 *       back to byte tokens. A BPE file without {@code bos_token_id} has no BOS here; llama.cpp
 *       assumes id 11.
 *   <li>Decoding does not apply {@code clean_spaces} ("a ." → "a."); unknown tokens decode to nothing;
 *       SentencePiece decoding drops the space prefix after every special token, not only at the
 *       start, so that it inverts encoding.
 *   <li>Unicode classes come from the JDK's tables (Unicode 16), llama.cpp's from its own generated
 *       table; they can differ for recently assigned characters.
 * </ul>
 *
 * <p>Depends on {@code gguf} for the metadata only; JDK only.
 */
package dev.tether.engine.tokenizer;
