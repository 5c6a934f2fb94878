package dev.tether.control.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an SSE response line by line and parses it into events; {@link #close} drops the connection. */
final class SseLines implements AutoCloseable {
  /** One parsed event. */
  record Frame(long id, String event, String data) {}

  final HttpResponse<InputStream> response;
  private final BufferedReader reader;
  final List<String> lines = new ArrayList<>();

  SseLines(TestServer server, HttpRequest request) throws IOException, InterruptedException {
    this.response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  /** The next raw line, or null at the end of the stream. */
  String line() throws IOException {
    String line = reader.readLine();
    if (line != null) {
      lines.add(line);
    }
    return line;
  }

  /** The next event (skipping comments and retry lines), or null at the end. */
  Frame next() throws IOException {
    long id = -1;
    String event = null;
    String data = null;
    String line;
    while ((line = line()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Frame(id, event, data);
        }
        continue;
      }
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
