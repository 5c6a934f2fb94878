/**
 * Tiny but complete generated models, for tests across the project and for {@code tether model
 * make-tiny}: no real model can be downloaded where Tether is built and tested, so every test that
 * needs a GGUF file writes one with {@link dev.tether.engine.tiny.TinyModel}.
 *
 * <p>Depends on {@code gguf} (the writer) and {@code tokenizer} (the byte-level alphabet).
 */
package dev.tether.engine.tiny;
