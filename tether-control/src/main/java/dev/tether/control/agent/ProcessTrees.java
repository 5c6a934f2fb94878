package dev.tether.control.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stopping an agent and everything it started. The tree is taken before any signal: once the agent exits,
 * its children are re-parented and no longer found under it.
 */
final class ProcessTrees {
  private ProcessTrees() {}

  /** The process and all its descendants, the process last. */
  static List<ProcessHandle> tree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(root);
    return all;
  }

  /**
   * Asks the agent to stop its turn the way a terminal's Ctrl-C does (SIGINT to the process; the JDK
   * sends only TERM and KILL, so {@code kill -INT}). Falls back to TERM where there is no {@code kill}.
   */
  static void interrupt(ProcessHandle process) {
    try {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // no kill(1) here: TERM below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroy();
  }

  /** TERM to every process of the tree, then KILL to what is left after {@code grace}. */
  static void destroy(List<ProcessHandle> tree, Duration grace) {
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : tree) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          p.onExit().get(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (Exception e) {
          // still alive: killed below
        }
      }
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** KILL to the whole tree at once (the shutdown hook: no time to wait). */
  static void kill(ProcessHandle root) {
    Stream.concat(root.descendants(), Stream.of(root)).forEach(ProcessHandle::destroyForcibly);
  }
}
