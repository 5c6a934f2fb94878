package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.trace.TraceStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Traces end to end: recorded by the running server, then listed, shown, analysed, replayed and compared. */
class TraceIT {
  private static final String KEY = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";

  @TempDir Path home;
  private ScriptedOpenAiServer upstream;
  private TetherServer server;
  private String previousHome;

  @BeforeEach
  void setUp() throws Exception {
    previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", home.toString());
    upstream = ScriptedOpenAiServer.start("qwen", request -> ScriptedOpenAiServer.text("hello there, traced", 4));
    server = TetherServer.start("127.0.0.1", 0, new HttpOptions(null, Duration.ofSeconds(5), 1_000_000),
        List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of(), 0, new TraceStore(home.resolve("traces")));
  }

  @AfterEach
  void tearDown() {
    server.close();
    upstream.close();
    if (previousHome == null) {
      System.clearProperty("tether.home");
    } else {
      System.setProperty("tether.home", previousHome);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run tether(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aTracedRequestCanBeReadAnalysedReplayedAndCompared() throws Exception {
    String body = """
        {"model":"qwen","max_tokens":200,"stream":true,
         "system":[{"type":"text","text":"You are a careful coding agent. Never print %s."}],
         "tools":[{"name":"Bash","description":"Run a shell command and return its output, with many words of description to make it large.","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}},
                  {"name":"Read","description":"Read a file.","input_schema":{"type":"object"}}],
         "messages":[{"role":"user","content":"say hello"}]}""".formatted(KEY);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
            .header("content-type", "application/json").header("x-api-key", KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    String id = response.headers().firstValue("request-id").orElseThrow();

    Path file = home.resolve("traces").resolve(id + ".json");
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String text = Files.readString(file);
    assertThat(text).doesNotContain(KEY).contains("<redacted>");
    JsonNode trace = Json.MAPPER.readTree(text);
    assertThat(trace.path("headers").path("x-api-key").get(0).asText()).isEqualTo("<redacted>");
    assertThat(trace.path("response").path("content").get(0).path("text").asText()).isEqualTo("hello there, traced");
    assertThat(trace.path("ttft_ms").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(trace.path("backend").asText()).isEqualTo("openai");

    Run list = tether("trace", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains(id, "qwen", "openai", "end_turn");

    Run analyze = tether("trace", "analyze", id.substring(0, id.length() - 3));
    assertThat(analyze.exit()).as(analyze.err()).isZero();
    assertThat(analyze.out()).contains("system", "tools", "(2 tools)", "largest tools:", "#1 user text");
    assertThat(analyze.out().indexOf("Bash")).isLessThan(analyze.out().indexOf("Read"));

    Run replay = tether("trace", "replay", id, "--upstream", upstream.baseUrl().toString(), "--runs", "2");
    assertThat(replay.exit()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("run 1: ttft", "run 2: ttft", "median: ttft");
    try (Stream<Path> replays = Files.list(home.resolve("traces/replays"))) {
      assertThat(replays.toList()).hasSize(1);
    }

    Run compare = tether("trace", "compare");
    assertThat(compare.exit()).isZero();
    assertThat(compare.out()).contains("REPLAY", id, "openai", "qwen");

    assertThat(tether("trace", "show", "nope").err()).contains("no trace 'nope'");
  }
}
