/**
 * Reading traces back: where a prompt's tokens go ({@link dev.tether.cli.trace.TraceAnalysis}) and
 * the figures of a replay ({@link dev.tether.cli.trace.ReplayRun}). Recording lives in the gateway.
 */
package dev.tether.cli.trace;
