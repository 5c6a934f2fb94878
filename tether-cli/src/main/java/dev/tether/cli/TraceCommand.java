package dev.tether.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.cli.config.Config;
import dev.tether.cli.trace.ReplayRun;
import dev.tether.cli.trace.TraceAnalysis;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.tokenizer.Tokenizer;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.routing.Route;
import dev.tether.gateway.routing.Router;
import dev.tether.gateway.service.GatewayService;
import dev.tether.gateway.tokens.TokenEstimator;
import dev.tether.gateway.trace.TraceStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tether trace list|show|analyze|replay|compare}: the traces {@code --trace} records. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = "Inspect and replay recorded requests (record them with --trace or traces.enabled = true).",
    subcommands = {TraceCommand.ListTraces.class, TraceCommand.Show.class, TraceCommand.Analyze.class,
        TraceCommand.Replay.class, TraceCommand.Compare.class})
final class TraceCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static TraceStore store() {
    TetherHome home = TetherHome.fromEnvironment().ensure();
    Config config = new ServerFlags().load(home, Map.of());
    return new TraceStore(ServerStart.tracesDir(config));
  }

  static Path find(TraceStore store, String id) throws IOException {
    try {
      return store.find(id);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** {@code tether trace list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "The traces, newest first.")
  static final class ListTraces implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws IOException {
      TraceStore store = store();
      PrintWriter out = spec.commandLine().getOut();
      List<Path> files = store.list();
      if (files.isEmpty()) {
        out.println("No traces in " + store.dir() + ". Record some with: tether --trace … (or tether serve --trace)");
        return 0;
      }
      out.printf(Locale.ROOT, "%-30s %-20s %-24s %-10s %8s %8s %8s %8s  %s%n", "ID", "TIME", "MODEL", "BACKEND", "IN", "OUT",
          "TTFT", "TOTAL", "RESULT");
      for (Path file : files.stream().limit(limit).toList()) {
        JsonNode t = store.read(file);
        JsonNode usage = t.path("response").path("usage");
        out.printf(Locale.ROOT, "%-30s %-20s %-24s %-10s %8s %8s %8s %8s  %s%n", t.path("id").asText(),
            t.path("time").asText().replace('T', ' ').replaceFirst("\\.\\d+Z$", ""), t.path("model").asText(),
            t.path("backend").asText(), usage.path("input_tokens").asText(""), usage.path("output_tokens").asText(""),
            t.path("ttft_ms").asLong() >= 0 ? t.path("ttft_ms").asLong() + "ms" : "-", t.path("total_ms").asLong() + "ms",
            t.hasNonNull("error") ? t.path("error").asText() : t.path("response").path("stop_reason").asText("?"));
      }
      out.flush();
      return 0;
    }
  }

  /** {@code tether trace show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a trace (JSON).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A trace id or a unique prefix.")
    String id;

    @Override
    public Integer call() throws IOException {
      TraceStore store = store();
      spec.commandLine().getOut().println(Files.readString(find(store, id)));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code tether trace analyze ID}. */
  @Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
      description = "Where a request's tokens go: system prompt, tools (largest first), messages.")
  static final class Analyze implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "A trace id or a unique prefix.")
    String id;

    @Option(names = "--tokenizer", paramLabel = "FILE.gguf", description = "Count with this model's tokenizer (default: the gateway's estimate).")
    Path tokenizer;

    @Option(names = "--top", paramLabel = "N", defaultValue = "15", description = "How many tools to list (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws IOException {
      TraceStore store = store();
      JsonNode trace = store.read(find(store, id));
      MessagesRequest request = Json.MAPPER.treeToValue(trace.path("request"), MessagesRequest.class);
      TraceAnalysis analysis;
      if (tokenizer != null) {
        Tokenizer t = Tokenizer.from(GgufHeader.read(tokenizer));
        analysis = TraceAnalysis.of(request, s -> t.encode(s, false).length, tokenizer.getFileName().toString());
      } else {
        analysis = TraceAnalysis.of(request, s -> (int) TokenEstimator.text(s), "the gateway's estimate");
      }
      analysis.render(top).forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** A saved replay: the figures of each run. */
  record ReplayResult(String id, String trace, String time, String backend, String model, List<ReplayRun> runs) {
    @JsonProperty("median_ttft_ms")
    double medianTtft() {
      return median(ReplayRun::ttftMs);
    }

    @JsonProperty("median_prompt_tokens_per_s")
    double medianPrompt() {
      return median(ReplayRun::promptTokensPerSecond);
    }

    @JsonProperty("median_generation_tokens_per_s")
    double medianGeneration() {
      return median(ReplayRun::generationTokensPerSecond);
    }

    /** The median of a figure over the runs that succeeded. */
    private double median(java.util.function.ToDoubleFunction<ReplayRun> figure) {
      return median(runs.stream().filter(r -> r.error() == null).mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
      if (values.length == 0) {
        return 0;
      }
      double[] v = values.clone();
      java.util.Arrays.sort(v);
      return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
  }

  /** {@code tether trace replay ID}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = "Send a traced request again (to the configured backends, --upstream, or --backend B) and report"
          + " time to first token, prompt tokens/s and generation tokens/s. Results are saved for `trace compare`.")
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerFlags flags;

    @Parameters(paramLabel = "ID", description = "A trace id or a unique prefix.")
    String id;

    @Option(names = "--backend", paramLabel = "NAME", description = "Send every run to this backend.")
    String backend;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "How many times (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
      TetherHome home = TetherHome.fromEnvironment().ensure();
      Config config = flags.load(home, Map.of());
      TraceStore store = new TraceStore(ServerStart.tracesDir(config));
      JsonNode trace = store.read(find(store, id));
      ObjectNode body = (ObjectNode) trace.path("request").deepCopy();
      if (flags.model != null) {
        body.put("model", flags.model);
      }
      Backends.Wiring wiring = Backends.build(config, flags, System.getenv());
      List<Route> routes = backend == null ? wiring.routes() : List.of(new Route("*", backend, null));
      if (backend != null && wiring.backends().stream().noneMatch(b -> b.name().equals(backend))) {
        wiring.backends().forEach(Backend::close);
        throw new UserError("no backend '" + backend + "'; there are: " + wiring.describe());
      }
      PrintWriter out = spec.commandLine().getOut();
      List<ReplayRun> results = new ArrayList<>();
      String answeredBy = null;
      try (GatewayService service = new GatewayService(new Router(wiring.backends(), routes))) {
        for (int i = 1; i <= runs; i++) {
          String requestId = "replay_" + Long.toHexString(System.nanoTime());
          GatewayService.Prepared prepared;
          try {
            prepared = service.prepare(requestId, body, Map.of(), null, new Cancellation(), false);
          } catch (ApiException e) {
            throw new UserError("the traced request is not valid here: " + e.getMessage());
          }
          answeredBy = prepared.backend().name();
          ReplayRun run = once(service, prepared);
          results.add(run);
          out.printf(Locale.ROOT, "run %d: %s%n", i, run.error() != null ? "failed: " + run.error()
              : String.format(Locale.ROOT, "ttft %.0f ms, total %.0f ms, %d prompt tokens (%.1f tok/s), %d generated (%.1f tok/s)",
                  run.ttftMs(), run.totalMs(), run.inputTokens(), run.promptTokensPerSecond(), run.outputTokens(),
                  run.generationTokensPerSecond()));
          out.flush();
        }
      }
      String traceId = trace.path("id").asText();
      String replayId = traceId + "-" + Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
      ReplayResult result = new ReplayResult(replayId, traceId, Instant.now().toString(), answeredBy,
          body.path("model").asText(), List.copyOf(results));
      Path file = store.dir().resolve("replays").resolve(replayId + ".json");
      store.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      out.printf(Locale.ROOT, "median: ttft %.0f ms, prompt %.1f tok/s, generation %.1f tok/s; saved %s%n",
          result.medianTtft(), result.medianPrompt(), result.medianGeneration(), file);
      out.flush();
      return results.stream().allMatch(r -> r.error() == null) ? 0 : 1;
    }

    private static ReplayRun once(GatewayService service, GatewayService.Prepared prepared) {
      long start = System.nanoTime();
      long[] first = {-1};
      MessageAssembler assembler = new MessageAssembler();
      try {
        service.stream(prepared, event -> {
          if (first[0] < 0 && event instanceof StreamEvent.ContentBlockDelta) {
            first[0] = System.nanoTime();
          }
          assembler.accept(event);
        });
      } catch (RuntimeException e) {
        return new ReplayRun(-1, (System.nanoTime() - start) / 1e6, 0, 0, e.getMessage());
      }
      long end = System.nanoTime();
      MessageResponse message = assembler.message();
      long in = message.usage() == null || message.usage().inputTokens() == null ? 0 : message.usage().inputTokens();
      long outTokens = message.usage() == null || message.usage().outputTokens() == null ? 0 : message.usage().outputTokens();
      return new ReplayRun(((first[0] < 0 ? end : first[0]) - start) / 1e6, (end - start) / 1e6, in, outTokens, null);
    }
  }

  /** {@code tether trace compare}. */
  @Command(name = "compare", mixinStandardHelpOptions = true, description = "A table of saved replays (all, or those of the given traces).")
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Trace ids (or prefixes) whose replays to show.")
    List<String> ids = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
      TraceStore store = store();
      Path dir = store.dir().resolve("replays");
      PrintWriter out = spec.commandLine().getOut();
      List<JsonNode> replays = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
            JsonNode r = store.read(f);
            if (ids.isEmpty() || ids.stream().anyMatch(id -> r.path("trace").asText().startsWith(id))) {
              replays.add(r);
            }
          }
        }
      }
      if (replays.isEmpty()) {
        out.println("No replays yet. Make some with: tether trace replay ID [--backend B | --model M] [--runs N]");
        return 0;
      }
      out.printf(Locale.ROOT, "%-46s %-12s %-24s %5s %10s %14s %14s%n", "REPLAY", "BACKEND", "MODEL", "RUNS",
          "TTFT ms", "PROMPT tok/s", "GEN tok/s");
      for (JsonNode r : replays) {
        out.printf(Locale.ROOT, "%-46s %-12s %-24s %5d %10.0f %14.1f %14.1f%n", r.path("id").asText(),
            r.path("backend").asText(), r.path("model").asText(), r.path("runs").size(),
            r.path("median_ttft_ms").asDouble(), r.path("median_prompt_tokens_per_s").asDouble(),
            r.path("median_generation_tokens_per_s").asDouble());
      }
      out.flush();
      return 0;
    }
  }
}
