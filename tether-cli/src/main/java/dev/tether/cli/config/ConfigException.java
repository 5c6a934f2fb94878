package dev.tether.cli.config;

import dev.tether.cli.UserError;

/** A configuration the user must fix: the message names the file and line (or variable, or flag) and the key. */
public final class ConfigException extends UserError {
  public ConfigException(String message) {
    super(message);
  }
}
