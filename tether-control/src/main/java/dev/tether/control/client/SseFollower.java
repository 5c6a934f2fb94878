package dev.tether.control.client;

import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ErrorCode;
import dev.tether.control.event.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Follows a session's SSE stream, reconnecting with {@code Last-Event-ID} when the connection drops,
 * so the reader sees every event once, in order.
 */
public final class SseFollower {
  private final ControlClient client;

  public SseFollower(ControlClient client) {
    this.client = client;
  }

  /**
   * Delivers the session's events after {@code afterSeq} to {@code sink} until it returns false, the
   * session is deleted, or an error that reconnecting cannot fix (404, 401).
   */
  public void follow(String sessionId, long afterSeq, Predicate<Event> sink) throws InterruptedException {
    long last = afterSeq;
    int failures = 0;
    while (true) {
      HttpRequest request = client.request("/api/sessions/" + ControlClient.enc(sessionId) + "/stream")
          .header("Accept", "text/event-stream").header("Last-Event-ID", Long.toString(last)).GET().build();
      try {
        HttpResponse<InputStream> response = client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          String body;
          try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          throw ControlClient.error(response.statusCode(), body);
        }
        failures = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          String data = null;
          while ((line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
              data = line.substring(6);
            } else if (line.isEmpty() && data != null) {
              Event e = ControlJson.MAPPER.readValue(data, Event.class);
              data = null;
              if (e.seq() <= last) {
                continue;
              }
              last = e.seq();
              if (!sink.test(e) || e.type().equals("session_deleted")) {
                return;
              }
            }
          }
        }
      } catch (IOException e) {
        if (++failures > 30) {
          throw new ControlException(ErrorCode.UNAVAILABLE, "lost the stream and could not get it back: " + e.getMessage());
        }
      }
      Thread.sleep(Duration.ofMillis(Math.min(5000, 200L * (failures + 1))));
    }
  }
}
