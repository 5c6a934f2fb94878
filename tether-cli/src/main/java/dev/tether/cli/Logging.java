package dev.tether.cli;

import java.util.List;

/**
 * Configures slf4j-simple before the first logger exists: everything to stderr (stdout belongs to
 * command output), INFO by default, {@code --log-level X} or {@code --dev} (debug) to change it.
 */
final class Logging {
  private Logging() {}

  static void configure(String[] args) {
    String level = "info";
    List<String> list = List.of(args);
    int i = list.indexOf("--log-level");
    if (i >= 0 && i + 1 < list.size()) {
      level = list.get(i + 1).toLowerCase(java.util.Locale.ROOT);
    } else if (list.contains("--dev")) {
      level = "debug";
    }
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.javalin", "warn");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
