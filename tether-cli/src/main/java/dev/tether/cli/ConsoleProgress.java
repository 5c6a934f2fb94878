package dev.tether.cli;

import dev.tether.cli.config.Units;
import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.LoadProgress;
import java.io.PrintStream;

/**
 * Progress of model loading and long prefills on stderr: a redrawn bar on a terminal, and on
 * anything else (a log file, a pipe) one plain line when the work ends, so logs stay readable.
 */
final class ConsoleProgress {
  /** Prefills shorter than this many tokens get no bar: they are over before one would help. */
  static final int LONG_PREFILL_TOKENS = 1024;
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000;

  private final PrintStream err;
  private final boolean terminal;

  ConsoleProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** Progress on this process's stderr, bars only when it is a terminal. */
  static ConsoleProgress stderr() {
    java.io.Console console = System.console();
    return new ConsoleProgress(System.err, console != null && console.isTerminal());
  }

  /** Progress of loading {@code name}: bytes touched of the file. */
  LoadProgress load(String name) {
    long started = System.nanoTime();
    long[] lastDraw = {0};
    return (done, total) -> {
      boolean finished = done >= total;
      if (terminal && (finished || System.nanoTime() - lastDraw[0] > REDRAW_NANOS)) {
        lastDraw[0] = System.nanoTime();
        draw("loading " + name, done, total, Units.formatBytes(done) + " / " + Units.formatBytes(total));
      }
      if (finished) {
        end("loaded " + name + " (" + Units.formatBytes(total) + ") in " + seconds(started));
      }
    };
  }

  /** Progress of each long prefill: prompt tokens in the KV cache. */
  GenerationRequest.PrefillProgress prefill() {
    return new GenerationRequest.PrefillProgress() {
      private long started;
      private int first;
      private long lastDraw;
      private boolean shown;

      @Override
      public synchronized void update(int done, int total) {
        if (!shown) {
          if (total - done < LONG_PREFILL_TOKENS) {
            return;
          }
          shown = true;
          started = System.nanoTime();
          first = done;
        }
        if (terminal && (done >= total || System.nanoTime() - lastDraw > REDRAW_NANOS)) {
          lastDraw = System.nanoTime();
          draw("prefill", done, total, done + " / " + total + " tokens");
        }
        if (done >= total) {
          double secs = (System.nanoTime() - started) / 1e9;
          end("prefill: " + (total - first) + " tokens in " + String.format("%.1f s", secs)
              + (secs > 0 ? String.format(" (%.0f tokens/s)", (total - first) / secs) : "")
              + (first > 0 ? ", " + first + " reused from the cache" : ""));
          shown = false;
        }
      }
    };
  }

  private void draw(String label, long done, long total, String detail) {
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, done * WIDTH / total);
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    err.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "% " + detail
        + "   ");
    err.flush();
  }

  private void end(String line) {
    err.print(terminal ? "\r\033[K" : "");
    err.println("tether: " + line);
    err.flush();
  }

  private static String seconds(long startedNanos) {
    return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }
}
