/**
 * Traces: each request with its reassembled response and timings, written under the traces
 * directory with keys and tokens redacted (PRODUCT.md §1). The gateway service records through
 * {@link dev.tether.gateway.trace.TraceSink}; the CLI reads them back with {@link
 * dev.tether.gateway.trace.TraceStore}.
 */
package dev.tether.gateway.trace;
