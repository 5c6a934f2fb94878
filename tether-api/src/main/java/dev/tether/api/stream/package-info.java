/**
 * Streaming: the {@link dev.tether.api.stream.StreamEvent} variants, their deltas, the SSE wire
 * encoding, and the {@link dev.tether.api.stream.MessageAssembler} that folds a stream into one message.
 */
package dev.tether.api.stream;
