package dev.tether.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build wrote into the jar (as {@code tether --version} reports it). */
final class Versions {
  private Versions() {}

  static String current() {
    Properties props = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/dev/tether/cli/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return props.getProperty("version", "unknown");
  }
}
