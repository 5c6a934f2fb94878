package dev.tether.cli;

import picocli.CommandLine.Command;

/** {@code tether bench …}: benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks. Numbers are ratios against a baseline measured in the same run.",
    subcommands = {BenchGatewayCommand.class, BenchControlCommand.class})
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
