package dev.tether.control.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSE streams on the wire: exact lines, keep-alives, and resume without loss or duplicates. */
class SseIT {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, TestServer.TOKEN, Duration.ofMillis(200), ControlService.Config.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpRequest stream(String path, Long lastEventId) {
    HttpRequest.Builder b = server.request(path).timeout(Duration.ofSeconds(60)).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", Long.toString(lastEventId));
    }
    return b.GET().build();
  }

  @Test
  void aStreamSendsIdEventAndDataLinesThenKeepAlives() throws Exception {
    String id = server.newSession("wire");
    try (SseLines sse = new SseLines(server, stream("/api/sessions/" + id + "/stream", null))) {
      assertThat(sse.response.statusCode()).isEqualTo(200);
      assertThat(sse.response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
      assertThat(sse.line()).isEqualTo("retry: 1000");
      assertThat(sse.line()).isEmpty();
      assertThat(sse.line()).isEqualTo("id: 1");
      assertThat(sse.line()).isEqualTo("event: state");
      String data = sse.line();
      assertThat(data).startsWith("data: {\"session_id\":\"" + id + "\",\"seq\":1,\"ts\":\"")
          .endsWith("\"type\":\"state\",\"data\":{\"state\":\"created\",\"reason\":\"created\"}}");
      assertThat(sse.line()).isEmpty();
      assertThat(sse.line()).isEqualTo(": keepalive");
      assertThat(sse.line()).isEmpty();
      server.post("/api/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"hi\"}}");
      SseLines.Frame running = sse.next();
      assertThat(running.id()).isEqualTo(2);
      assertThat(running.event()).isEqualTo("state");
      SseLines.Frame output = sse.next();
      assertThat(output.id()).isEqualTo(3);
      assertThat(output.event()).isEqualTo("output");
      assertThat(ControlJson.parse(output.data()).get("data").get("text").asText()).isEqualTo("hi");
    }
  }

  @Test
  void resumingAfterDroppedConnectionsLosesAndDuplicatesNothing() throws Exception {
    String id = server.newSession("resume");
    int total = 400; // events the producer adds after "created"
    CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < total; i++) {
        server.post("/api/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"n" + i + "\"}}");
      }
    });
    long expectedLast = total + 2; // created, running, then the outputs
    List<Long> seen = new ArrayList<>();
    Long resumeFrom = null;
    int drops = 0;
    while (seen.isEmpty() || seen.getLast() < expectedLast) {
      try (SseLines sse = new SseLines(server, stream("/api/sessions/" + id + "/stream", resumeFrom))) {
        int budget = drops < 4 ? 37 + drops * 13 : Integer.MAX_VALUE; // drop mid-stream a few times
        for (int n = 0; n < budget; n++) {
          SseLines.Frame f = sse.next();
          seen.add(f.id());
          assertThat(ControlJson.parse(f.data()).get("seq").asLong()).isEqualTo(f.id());
          if (f.id() == expectedLast) {
            break;
          }
        }
        resumeFrom = seen.getLast();
        drops++;
      }
    }
    producer.join();
    assertThat(drops).isGreaterThan(3);
    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, expectedLast).boxed().toList());
  }

  @Test
  void theAfterParameterResumesLikeLastEventId() throws Exception {
    String id = server.newSession("after");
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"a\"}");
    try (SseLines sse = new SseLines(server, stream("/api/sessions/" + id + "/stream?after=2", null))) {
      assertThat(sse.next().id()).isEqualTo(3);
    }
  }

  @Test
  void theAllSessionsStreamResumesByPosition() throws Exception {
    String a = server.newSession("a");
    String b = server.newSession("b");
    List<String> seen = new ArrayList<>();
    long last;
    try (SseLines sse = new SseLines(server, stream("/api/stream", null))) {
      SseLines.Frame first = sse.next();
      SseLines.Frame second = sse.next();
      seen.add(ControlJson.parse(first.data()).get("session_id").asText());
      seen.add(ControlJson.parse(second.data()).get("session_id").asText());
      assertThat(second.id()).isGreaterThan(first.id());
      last = second.id();
    }
    server.post("/api/sessions/" + a + "/input", "{\"text\":\"x\"}");
    try (SseLines sse = new SseLines(server, stream("/api/stream", last))) {
      for (int i = 0; i < 2; i++) {
        SseLines.Frame f = sse.next();
        assertThat(f.id()).isGreaterThan(last);
        last = f.id();
        seen.add(ControlJson.parse(f.data()).get("session_id").asText() + ":" + f.event());
      }
    }
    assertThat(seen).containsExactly(a, b, a + ":state", a + ":user_input");
  }

  @Test
  void deletingTheSessionEndsItsStream() throws Exception {
    String id = server.newSession("doomed");
    try (SseLines sse = new SseLines(server, stream("/api/sessions/" + id + "/stream", null))) {
      assertThat(sse.next().event()).isEqualTo("state");
      server.delete("/api/sessions/" + id);
      assertThat(sse.next().event()).isEqualTo("state"); // ended
      assertThat(sse.next().event()).isEqualTo("session_deleted");
      assertThat(sse.next()).isNull();
    }
  }

  @Test
  void aStreamOfAMissingSessionIs404() {
    assertThat(server.get("/api/sessions/ses_missing/stream").statusCode()).isEqualTo(404);
  }
}
