/**
 * GGUF model files: a validating reader over a memory-mapped file, a writer, the ggml tensor type
 * table, a typed view of the metadata the engine needs, and a generator of tiny llama-style models
 * for tests.
 *
 * <p>Format: <a href="https://github.com/ggml-org/ggml/blob/master/docs/gguf.md">ggml docs/gguf.md</a>
 * (versions 2 and 3, little-endian). The reader checks every length, count, type and offset against
 * the file size before it uses it, so a truncated, corrupt or hostile file ends in a {@link
 * dev.tether.engine.gguf.GgufFormatException} naming the file, the problem and the byte offset, never
 * an out-of-bounds error, a hang or a huge allocation. Tensor data is never copied: {@link
 * dev.tether.engine.gguf.GgufFile#tensorData} returns a slice of the mapping.
 *
 * <p>Entry points: {@link dev.tether.engine.gguf.GgufHeader#read} (metadata and tensor table; cheap
 * enough for model discovery), {@link dev.tether.engine.gguf.GgufFile#open} (stays mapped for
 * inference), {@link dev.tether.engine.gguf.ModelMetadata#from}, {@link
 * dev.tether.engine.gguf.GgufWriter} and {@link dev.tether.engine.gguf.TinyModel}.
 *
 * <p>JDK only (FFM for the mapping); nothing here knows about HTTP, JSON or the Messages API.
 */
package dev.tether.engine.gguf;
