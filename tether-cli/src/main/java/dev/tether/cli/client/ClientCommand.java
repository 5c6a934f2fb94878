package dev.tether.cli.client;

import dev.tether.control.client.ControlClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** What every client command has: the server options, its output, and a client to call. */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin ClientOptions server = new ClientOptions();

  private ControlClient client;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  ControlClient client() {
    if (client == null) {
      client = server.connect("cli");
    }
    return client;
  }

  SessionIds ids() {
    return new SessionIds(client());
  }
}
