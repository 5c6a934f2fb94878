/**
 * Tokenizers built from GGUF metadata ({@code tokenizer.ggml.*}): GPT-2 style byte-level BPE with the
 * pre-tokenizer named by {@code tokenizer.ggml.pre}, and SentencePiece BPE with byte fallback.
 *
 * <p>Depends on {@code gguf} for the metadata only; JDK only.
 */
package dev.tether.engine.tokenizer;
