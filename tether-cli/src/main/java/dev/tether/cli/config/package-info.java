/**
 * Tether's layered configuration: built-in defaults, {@code config.toml}, drop-ins in alphabetical
 * order, {@code TETHER_*} environment variables and command-line flags, each value remembering where
 * it came from. It reads files and the environment only; it builds nothing (that is the composition
 * root's job) and must not import the gateway or the engine.
 */
package dev.tether.cli.config;
