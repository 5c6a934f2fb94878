/**
 * {@code tether bench gateway}: measures what the gateway adds over a direct call to the same
 * upstream, in one run, with a scripted OpenAI-compatible upstream ({@link dev.tether.cli.bench.ScriptedOpenAiServer})
 * that the integration tests use too.
 */
package dev.tether.cli.bench;
