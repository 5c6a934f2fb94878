package dev.tether.cli;

import dev.tether.cli.bench.KeepAliveClient;
import dev.tether.control.ControlService;
import dev.tether.control.session.NewSession;
import dev.tether.gateway.http.HttpOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tether bench control}: the supervision plane's two numbers, through the real server on loopback
 * with a fresh database. Durable ingest: concurrent agents POST events, each acknowledged only once it is
 * on disk (SQLite WAL, synchronous=FULL, group commit); events/s. Fan-out: 100 SSE subscribers on one
 * session; the latency from the moment an event is POSTed to the moment each subscriber has read it.
 */
@Command(name = "control", mixinStandardHelpOptions = true,
    description = "Measure durable event ingest (events/s) and SSE fan-out latency (p99 with 100 subscribers).")
final class BenchControlCommand implements Callable<Integer> {
  private static final String TOKEN = "bench";

  @Option(names = "--events", defaultValue = "20000", description = "Events ingested in the measured run (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--agents", defaultValue = "64", description = "Concurrent agents posting events (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--sessions", defaultValue = "16", description = "Sessions they post to (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--subscribers", defaultValue = "100", description = "SSE subscribers in the fan-out test (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--fanout-events", defaultValue = "1000", description = "Events sent to the subscribers (default: ${DEFAULT-VALUE}).")
  int fanoutEvents;

  @Option(names = "--rate", defaultValue = "200", description = "Events per second in the fan-out test (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--rounds", defaultValue = "3", description = "Measured ingest rounds after a warm-up one (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where the database goes (default: a fresh temporary directory; the disk matters).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Path data = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("tether-bench-control");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (TetherServer server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN),
        List.of(Backends.openAi(List.of(URI.create("http://127.0.0.1:9/v1")))), List.of(), 0,
        ControlService.open(data, ControlService.Config.defaults()))) {
      System.out.printf(Locale.ROOT, "tether bench control: database in %s%n", data);
      ingest(server);
      fanout(server, http);
    } finally {
      if (dir == null) {
        deleteTree(data);
      }
    }
    return 0;
  }

  private HttpRequest post(TetherServer server, String path, String json) {
    return HttpRequest.newBuilder(server.baseUrl().resolve(path)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private void ingest(TetherServer server) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      ids.add(server.control().createSession(new NewSession("bench " + i, "custom", null, null)).id());
    }
    runIngest(server, ids, events); // warm-up: let the JIT compile the whole path first
    double[] rates = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long[] latencies = new long[events];
      long started = System.nanoTime();
      int acknowledged = runIngest(server, ids, events, latencies);
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(latencies);
      rates[round] = acknowledged / seconds;
      System.out.printf(Locale.ROOT, "  ingest round %d: %d events in %.2f s = %.0f events/s (ack latency p50 %.1f ms,"
          + " p99 %.1f ms)%n", round + 1, acknowledged, seconds, rates[round], ms(latencies, 0.50), ms(latencies, 0.99));
    }
    Arrays.sort(rates);
    double median = rates[rates.length / 2];
    System.out.printf(Locale.ROOT, "durable ingest: %d agents posting over HTTP into %d sessions, each event acknowledged"
        + " once on disk: median %.0f events/s over %d rounds  [target >= 5000: %s]%n", agents, sessions, median, rounds,
        median >= 5000 ? "met" : "MISSED");
  }

  private int runIngest(TetherServer server, List<String> ids, int count) throws InterruptedException {
    return runIngest(server, ids, count, new long[count]);
  }

  private int runIngest(TetherServer server, List<String> ids, int count, long[] latencies)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger acked = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    CountDownLatch done = new CountDownLatch(agents);
    for (int a = 0; a < agents; a++) {
      Thread.ofVirtual().start(() -> {
        try (KeepAliveClient client = new KeepAliveClient(server.baseUrl())) {
          int n;
          while ((n = next.getAndIncrement()) < count) {
            String id = ids.get(n % ids.size());
            byte[] body = ("{\"type\":\"output\",\"data\":{\"text\":\"event " + n + " of the benchmark\"}}")
                .getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            int status = client.post("/api/sessions/" + id + "/events", "Bearer " + TOKEN, body);
            latencies[n] = System.nanoTime() - t0;
            if (status == 201) {
              acked.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          }
        } catch (IOException e) {
          failed.incrementAndGet();
        } finally {
          done.countDown();
        }
      });
    }
    done.await();
    if (failed.get() > 0) {
      System.out.println("  (" + failed.get() + " requests failed)");
    }
    return acked.get();
  }

  private void fanout(TetherServer server, HttpClient http) throws Exception {
    String id = server.control().createSession(new NewSession("fan-out", "custom", null, null)).id();
    int warmup = 50;
    int total = warmup + fanoutEvents;
    long[][] latency = new long[subscribers][fanoutEvents];
    AtomicInteger ready = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(subscribers);
    AtomicInteger complete = new AtomicInteger();
    for (int s = 0; s < subscribers; s++) {
      int sub = s;
      Thread.ofVirtual().start(() -> {
        try {
          HttpRequest req = HttpRequest.newBuilder(server.baseUrl().resolve("/api/sessions/" + id + "/stream"))
              .header("Authorization", "Bearer " + TOKEN).header("Last-Event-ID", "1").GET().build();
          HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
          ready.incrementAndGet();
          int seen = 0;
          try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while (seen < total && (line = in.readLine()) != null) {
              if (!line.startsWith("data: ")) {
                continue;
              }
              long now = System.nanoTime();
              int at = line.indexOf("sent=");
              if (at < 0) {
                continue;
              }
              int space = line.indexOf(' ', at);
              long sent = Long.parseLong(line.substring(at + 5, space));
              int n = Integer.parseInt(line.substring(space + 3, line.indexOf('"', space)));
              if (n >= warmup) {
                latency[sub][n - warmup] = now - sent;
              }
              seen++;
            }
          }
          if (seen == total) {
            complete.incrementAndGet();
          }
        } catch (IOException | InterruptedException | RuntimeException e) {
          System.out.println("  subscriber " + sub + " failed: " + e);
        } finally {
          finished.countDown();
        }
      });
    }
    while (ready.get() < subscribers) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    long interval = 1_000_000_000L / Math.max(1, rate);
    long next = System.nanoTime();
    for (int n = 0; n < total; n++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      next += interval;
      // "sent" is taken right before the POST: the latency includes the durable commit.
      String body = "{\"type\":\"output\",\"data\":{\"text\":\"sent=" + System.nanoTime() + " n=" + n + "\"}}";
      http.send(post(server, "/api/sessions/" + id + "/events", body), HttpResponse.BodyHandlers.discarding());
    }
    if (!finished.await(60, TimeUnit.SECONDS)) {
      System.out.println("  some subscribers did not get every event within 60 s");
    }
    long[] all = Stream.of(latency).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    System.out.printf(Locale.ROOT, "SSE fan-out: %d events at %d/s to %d subscribers (%d got every event), %d deliveries:"
        + " latency from POST to read p50 %.1f ms, p99 %.1f ms, max %.1f ms  [target p99 <= 50 ms: %s]%n",
        fanoutEvents, rate, subscribers, complete.get(), all.length, ms(all, 0.50), ms(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6, ms(all, 0.99) <= 50 ? "met" : "MISSED");
  }

  private static double ms(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
