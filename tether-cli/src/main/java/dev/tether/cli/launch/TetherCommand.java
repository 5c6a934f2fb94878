package dev.tether.cli.launch;

import dev.tether.control.hook.HookSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a child process (a claude hook) runs this tether again: the {@code ./tether} script exports its
 * own absolute path as {@code TETHER_COMMAND}, which handles {@code hook} without starting a JVM; run
 * any other way (the jar directly, tests), it is this JVM's {@code java} with the same jar or class path.
 */
public final class TetherCommand {
  private TetherCommand() {}

  /** The argv that runs tether, preferring {@code TETHER_COMMAND} from {@code env}. */
  public static List<String> argv(Map<String, String> env) {
    String script = env.get(HookSettings.COMMAND_VARIABLE);
    if (script != null && !script.isBlank() && Files.isExecutable(Path.of(script))) {
      return List.of(script);
    }
    return javaArgv();
  }

  /** {@code java … -jar <jar>} (or {@code -cp <path> dev.tether.cli.Main} outside a jar) for this JVM. */
  public static List<String> javaArgv() {
    List<String> argv = new ArrayList<>();
    argv.add(ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    argv.add("--add-modules");
    argv.add("jdk.incubator.vector");
    argv.add("--enable-native-access=ALL-UNNAMED");
    Path jar = ownJar();
    if (jar != null) {
      argv.add("-jar");
      argv.add(jar.toString());
    } else {
      argv.add("-cp");
      argv.add(System.getProperty("java.class.path"));
      argv.add("dev.tether.cli.Main");
    }
    return argv;
  }

  private static Path ownJar() {
    try {
      var source = TetherCommand.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }
}
