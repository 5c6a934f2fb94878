package dev.tether.gateway.trace;

/** Where traces go. Implementations must not throw: a trace that cannot be written is logged, not fatal. */
public interface TraceSink {
  void record(Trace trace);
}
