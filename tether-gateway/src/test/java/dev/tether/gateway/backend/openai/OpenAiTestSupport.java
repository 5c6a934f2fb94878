package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.EventSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Requests, configs and an event recorder shared by the OpenAI backend tests. */
final class OpenAiTestSupport {
  private OpenAiTestSupport() {}

  /** Every event, checked by {@link MessageAssembler} as it arrives (it throws on violations). */
  static class Recorder implements EventSink {
    final List<StreamEvent> events = new CopyOnWriteArrayList<>();
    final MessageAssembler assembler = new MessageAssembler();

    @Override
    public void accept(StreamEvent event) {
      events.add(event);
      assembler.accept(event);
    }

    MessageResponse message() {
      return assembler.message();
    }

    List<String> types() {
      return events.stream().map(StreamEvent::type).toList();
    }
  }

  static MessagesRequest messages(String json) {
    try {
      return Json.read(json, MessagesRequest.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static BackendRequest request(String json) {
    return request(json, new Cancellation());
  }

  static BackendRequest request(String json, Cancellation cancellation) {
    try {
      ObjectNode raw = (ObjectNode) Json.tree(json);
      return new BackendRequest("req_0123abc", messages(json), raw, Map.of(), null, cancellation, 0);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static BackendRequest hello() {
    return request(
        """
        {"model":"qwen3-coder","max_tokens":100,"stream":true,
         "messages":[{"role":"user","content":"hi"}]}""");
  }

  /** A config for tests: no health thread, short timeouts and backoff. */
  static OpenAiBackendConfig config(String... urls) {
    return OpenAiBackendConfig.of("test", List.of(urls))
        .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2))
        .withResilience(2, Duration.ZERO, 3, Duration.ofSeconds(10));
  }

  static OpenAiBackend backend(OpenAiBackendConfig config) {
    return new OpenAiBackend(config, request -> 42);
  }
}
