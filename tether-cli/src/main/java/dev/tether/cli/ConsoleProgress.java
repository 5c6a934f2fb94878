package dev.tether.cli;

import dev.tether.cli.config.Units;
import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.runtime.LoadProgress;
import dev.tether.gateway.backend.local.PrefillListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of model loading and long prefills on stderr: a redrawn bar on a terminal, and on
 * anything else (a log file, a pipe) one plain line when the work ends, so logs stay readable.
 */
final class ConsoleProgress {
  /** Prefills of fewer new tokens get no bar and no line: they are over before one would help. */
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

  /**
   * Each long prefill: a bar of prompt tokens in the KV cache while it runs (on a terminal), then one
   * line with the tokens computed, the time, the rate and what the prefix cache saved.
   */
  PrefillListener prefill() {
    return new PrefillListener() {
      @Override
      public GenerationRequest.PrefillProgress started(int promptTokens) {
        if (!terminal || promptTokens < LONG_PREFILL_TOKENS) {
          return GenerationRequest.PrefillProgress.NONE;
        }
        long[] lastDraw = {0};
        return (done, total) -> {
          if (done < total && System.nanoTime() - lastDraw[0] > REDRAW_NANOS) {
            lastDraw[0] = System.nanoTime();
            draw("prefill", done, total, done + " / " + total + " tokens");
          } else if (done >= total) {
            err.print("\r\033[K");
            err.flush();
          }
        };
      }

      @Override
      public void finished(GenerationResult result) {
        int computed = result.promptTokens() - result.cachedTokens();
        if (computed < LONG_PREFILL_TOKENS) {
          return;
        }
        double secs = result.prefillNanos() / 1e9;
        end(String.format(Locale.ROOT, "prefill: %d tokens in %.1f s (%.0f tokens/s)%s", computed, secs,
            secs > 0 ? computed / secs : 0,
            result.cachedTokens() > 0 ? ", " + result.cachedTokens() + " reused from the cache" : ""));
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
