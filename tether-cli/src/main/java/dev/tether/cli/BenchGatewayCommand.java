package dev.tether.cli;

import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.gateway.http.HttpOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tether bench gateway}: the gateway's added latency and streaming throughput, measured
 * against a direct call to the same scripted upstream in the same run. Requests alternate between
 * the two paths so that machine noise hits both alike.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
    description = "Measure the gateway's added latency and streaming throughput against a direct call to the same scripted OpenAI upstream.")
final class BenchGatewayCommand implements Callable<Integer> {
  @Option(names = "--requests", defaultValue = "400", description = "Measured requests per path (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "300", description = "Warm-up requests per path (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--stream-chunks", defaultValue = "20000", description = "Chunks in the long stream of the throughput test (default: ${DEFAULT-VALUE}).")
  int streamChunks;

  @Option(names = "--rounds", defaultValue = "5", description = "Long streams per path (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws Exception {
    String shortReply = "Hello! The gateway adds almost nothing to this reply.";
    try (ScriptedOpenAiServer upstream = ScriptedOpenAiServer.start("bench-model", request -> ScriptedOpenAiServer.text(shortReply, 3))) {
      try (TetherServer gateway = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(null),
          List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of())) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest direct = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"bench-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build();
        HttpRequest viaGateway = HttpRequest.newBuilder(gateway.baseUrl().resolve("/v1/messages"))
            .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"bench-model\",\"max_tokens\":256,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build();
        System.out.printf(Locale.ROOT, "tether bench gateway: %d warm-up + %d measured streaming requests per path, alternating%n", warmup, requests);
        for (int i = 0; i < warmup; i++) {
          time(client, direct);
          time(client, viaGateway);
        }
        long[][] d = new long[2][requests];
        long[][] g = new long[2][requests];
        for (int i = 0; i < requests; i++) {
          long[] a = time(client, direct);
          long[] b = time(client, viaGateway);
          d[0][i] = a[0];
          d[1][i] = a[1];
          g[0][i] = b[0];
          g[1][i] = b[1];
        }
        System.out.println();
        System.out.println("latency (ms)                 median     p90     p99");
        row("direct, first byte", d[0]);
        row("gateway, first byte", g[0]);
        row("direct, complete", d[1]);
        row("gateway, complete", g[1]);
        double added = (percentile(g[1], 50) - percentile(d[1], 50)) / 1e6;
        System.out.printf(Locale.ROOT, "added by the gateway (median, complete): %.3f ms; ratio gateway/direct %.2f%n",
            added, percentile(g[1], 50) / percentile(d[1], 50));

        upstream.script(request -> ScriptedOpenAiServer.text("abcd".repeat(streamChunks), 4));
        time(client, direct);
        time(client, viaGateway);
        List<Double> directRates = new ArrayList<>();
        List<Double> gatewayRates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          directRates.add(streamChunks / (time(client, direct)[1] / 1e9));
          gatewayRates.add(streamChunks / (time(client, viaGateway)[1] / 1e9));
        }
        double directRate = median(directRates);
        double gatewayRate = median(gatewayRates);
        System.out.println();
        System.out.printf(Locale.ROOT, "streaming throughput (%d chunks, median of %d): direct %.0f chunks/s, gateway %.0f chunks/s, ratio %.2f%n",
            streamChunks, rounds, directRate, gatewayRate, gatewayRate / directRate);
      }
    }
    return 0;
  }

  /** Sends a request and reads the whole body; returns {time to first body byte, time to end} in ns. */
  private static long[] time(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException("bench request to " + request.uri() + " answered " + response.statusCode()
          + ": " + new String(response.body().readAllBytes()));
    }
    long first = 0;
    byte[] buffer = new byte[65536];
    try (InputStream in = response.body()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (first == 0 && n > 0) {
          first = System.nanoTime() - start;
        }
      }
    }
    return new long[] {first, System.nanoTime() - start};
  }

  private static void row(String label, long[] nanos) {
    System.out.printf(Locale.ROOT, "%-26s %8.3f %7.3f %7.3f%n", label,
        percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6);
  }

  private static double percentile(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)];
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
