/**
 * Building blocks every translating backend shares: {@link dev.tether.gateway.backend.blocks.BlockWriter}
 * (the strict content-block lifecycle of an Anthropic stream) and {@link
 * dev.tether.gateway.backend.blocks.StopSequences} ({@code stop_sequences} enforced on streamed text).
 * Must not import a particular backend's package or any HTTP library.
 */
package dev.tether.gateway.backend.blocks;
