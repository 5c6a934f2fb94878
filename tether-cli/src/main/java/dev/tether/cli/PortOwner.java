package dev.tether.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which process listens on a TCP port, for the "port in use" message. Linux only (it reads
 * {@code /proc/net/tcp*} for the listening socket's inode, then looks for a process holding it);
 * it sees only processes the user may inspect, and answers empty anywhere else.
 */
final class PortOwner {
  private static final String LISTEN = "0A";

  private PortOwner() {}

  /** "pid 1234: java -jar tether.jar serve", when it can tell. */
  static Optional<String> describe(int port) {
    try {
      Set<String> inodes = listeningInodes(port);
      if (inodes.isEmpty()) {
        return Optional.empty();
      }
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path proc : procs) {
          if (holdsAny(proc, inodes)) {
            return Optional.of("pid " + proc.getFileName() + ": " + commandLine(proc));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not allowed to look: say nothing rather than guess.
    }
    return Optional.empty();
  }

  private static Set<String> listeningInodes(int port) throws IOException {
    Set<String> inodes = new HashSet<>();
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[1].endsWith(":" + hexPort) && f[3].equals(LISTEN)) {
          inodes.add(f[9]);
        }
      }
    }
    return inodes;
  }

  private static boolean holdsAny(Path proc, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  private static String commandLine(Path proc) throws IOException {
    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ').strip();
    return cmd.length() > 120 ? cmd.substring(0, 117) + "..." : cmd;
  }
}
