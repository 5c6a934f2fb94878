/**
 * A loaded model ready to generate: {@link InferenceEngine} loads a GGUF file (refusing what does
 * not fit the memory cap), keeps several KV slots as a prefix cache (with saved prefixes on disk),
 * queues nothing itself, and generates tokens for one request at a time.
 */
package dev.tether.engine.runtime;
