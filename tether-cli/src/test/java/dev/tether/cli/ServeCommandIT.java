package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tether serve}'s one-line failures: a taken port (and who holds it), a bad configuration. */
class ServeCommandIT {
  @TempDir Path home;
  private String previousHome;

  @BeforeEach
  void setHome() {
    previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", home.toString());
  }

  @AfterEach
  void restoreHome() {
    if (previousHome == null) {
      System.clearProperty("tether.home");
    } else {
      System.setProperty("tether.home", previousHome);
    }
  }

  private static String errorOf(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).isEqualTo(1);
    return err.toString();
  }

  @Test
  void aTakenPortIsNamedWithTheProcessHoldingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String err = errorOf("serve", "--port", Integer.toString(taken.getLocalPort()),
          "--upstream", "http://127.0.0.1:9/v1");
      assertThat(err).startsWith("tether: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
      if (Files.isDirectory(Path.of("/proc/self/fd"))) {
        assertThat(err).contains("by pid " + ProcessHandle.current().pid() + ": ");
      }
      assertThat(err).doesNotContain("Exception");
    }
  }

  @Test
  void aConfigurationTypoStopsTheServerWithFileLineAndKey() throws Exception {
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/50-typo.toml"), "[server]\nprot = 9000\n");
    assertThat(errorOf("serve", "--upstream", "http://127.0.0.1:9/v1"))
        .contains("50-typo.toml:2: unknown key 'server.prot' (did you mean 'server.port'?)");
  }

  @Test
  void withoutAnyBackendTheErrorSaysHowToGiveOne() {
    assertThat(errorOf("serve", "--port", "0")).contains("no backend: give --upstream URL");
  }
}
