package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.ControlService;
import dev.tether.control.session.NewSession;
import dev.tether.gateway.http.HttpOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tether init} in its own JVM with its own TETHER_HOME: the token in config.toml, 0600, never silently replaced. */
class InitIT {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private Result tether(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    b.environment().put("TETHER_HOME", dir.resolve("home").toString());
    b.environment().remove("TETHER_TOKEN");
    b.environment().remove("TETHER_SERVER");
    Process p = b.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  private String token(Path config) throws IOException {
    Matcher m = Pattern.compile("(?m)^token = \"([A-Za-z0-9_-]+)\"$").matcher(Files.readString(config));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void initWritesAPrivateTokenAndClientsUseIt() throws Exception {
    Result first = tether("init");
    assertThat(first.exit()).as(first.err()).isZero();
    Path config = dir.resolve("home/config/config.toml");
    String token = token(config);
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(first.out()).contains("token: " + token, "claude: ", "models: ");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    String text = Files.readString(config);
    assertThat(text.indexOf("token = \"" + token)).isGreaterThan(text.indexOf("[server]"));
    assertThat(text.indexOf("token = \"" + token)).isLessThan(text.indexOf("[model]"));

    Result again = tether("init");
    assertThat(again.exit()).isZero();
    assertThat(again.err()).contains("already has a token; not replacing it (use --force)");
    assertThat(token(config)).isEqualTo(token);

    Result forced = tether("init", "--force");
    assertThat(forced.exit()).isZero();
    String replaced = token(config);
    assertThat(replaced).isNotEqualTo(token);

    // A server with that token, and a client that finds the token in the configuration alone.
    try (TetherServer server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(replaced), List.of(new ScriptedBackend()),
        List.of(), 0, ControlService.open(dir.resolve("data"), ControlService.Config.defaults()))) {
      server.control().createSession(new NewSession("found me", null, null, null));
      Result list = tether("list", "--server", server.baseUrl().toString());
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out()).contains("found me");
    }
  }
}
