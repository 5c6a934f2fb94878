package dev.tether.cli.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether open}: the web UI in a browser, or its URL where there is no display. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = "Open the web UI in a browser; with no display (SSH, a container), print its URL.")
final class OpenCommand extends ClientCommand {
  @Option(names = "--print", description = "Only print the URL.")
  boolean printOnly;

  @Override
  public Integer call() {
    URI url = server.serverUrl().resolve("/");
    List<String> opener = printOnly ? null : opener(url.toString());
    if (opener != null) {
      try {
        new ProcessBuilder(opener).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        out().println("opened " + url);
        return 0;
      } catch (IOException e) {
        // no opener after all: print it
      }
    }
    out().println(url);
    return 0;
  }

  /** The command that opens a URL here, or null with no display. */
  static List<String> opener(String url) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return List.of("open", url);
    }
    if (os.contains("win")) {
      return List.of("rundll32", "url.dll,FileProtocolHandler", url);
    }
    boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    return display ? List.of("xdg-open", url) : null;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
