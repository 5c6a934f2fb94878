package dev.tether.cli;

import dev.tether.cli.config.Config;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tether serve}: runs the server until interrupted. */
@Command(
    name = "serve",
    aliases = "start",
    mixinStandardHelpOptions = true,
    description = "Run the server only: the Anthropic Messages API on http://HOST:PORT (/v1/messages, count_tokens,"
        + " /v1/models, /v1/chat/completions), answered by a model run in-process (--model FILE.gguf, loaded before"
        + " the server starts), an OpenAI-compatible upstream (--upstream), the configured backends, or passed"
        + " through to the Anthropic API (--anthropic). Stops on Ctrl-C.",
    footer = {
      "",
      "Examples:",
      "  tether serve --model ~/models/qwen2.5-coder-7b-q4_k_m.gguf --memory-cap 12GB   # in-process",
      "  tether serve --upstream http://localhost:11434/v1            # Ollama",
      "  tether serve --upstream http://localhost:8080/v1 --upstream http://gpu2:8080/v1   # failover",
      "  tether serve --upstream http://localhost:8080/v1 --anthropic --route 'claude-opus*=anthropic'",
      "  ANTHROPIC_BASE_URL=http://127.0.0.1:8787 claude"
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin ServerFlags flags;

  @Override
  public Integer call() throws Exception {
    TetherHome home = TetherHome.fromEnvironment().ensure();
    Config config = flags.load(home, Map.of());
    ServerStart.Started started = ServerStart.start(config, flags, null, false);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.close();
      stopped.countDown();
    }, "tether-shutdown"));
    System.err.println(started.summary());
    System.err.println("  try: ANTHROPIC_BASE_URL=" + started.server().baseUrl()
        + (started.token() != null ? " ANTHROPIC_AUTH_TOKEN=<your token>" : " ANTHROPIC_AUTH_TOKEN=tether") + " claude");
    stopped.await();
    return 0;
  }
}
