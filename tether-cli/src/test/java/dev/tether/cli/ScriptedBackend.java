package dev.tether.cli;

import dev.tether.api.error.ApiException;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.Delta;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.ModelTraits;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** A backend whose reply is a script, and which records what it was asked. */
final class ScriptedBackend implements Backend {
  final List<BackendRequest> received = new CopyOnWriteArrayList<>();
  volatile BiConsumer<BackendRequest, EventSink> script = (request, sink) -> text(request, sink, "Hello from the script.");
  volatile ModelTraits traits = new ModelTraits(0, false, false, 64);

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public void stream(BackendRequest request, EventSink sink) throws ApiException {
    received.add(request);
    script.accept(request, sink);
  }

  @Override
  public int countTokens(BackendRequest request) {
    return dev.tether.gateway.tokens.TokenEstimator.estimate(request.messages());
  }

  @Override
  public List<BackendModel> models() {
    return List.of(new BackendModel("qwen2.5-coder", "Qwen2.5 Coder", 32768));
  }

  @Override
  public ModelTraits traits(String model) {
    return traits;
  }

  static void start(BackendRequest request, EventSink sink) {
    sink.accept(new StreamEvent.MessageStart(
        MessageResponse.started(request.messageId(), request.messages().model(), new Usage(12, 0, 0, 0))));
  }

  static void text(BackendRequest request, EventSink sink, String text) {
    start(request, sink);
    sink.accept(new StreamEvent.ContentBlockStart(0, new ContentBlock.Text("")));
    for (int i = 0; i < text.length(); i += 5) {
      sink.accept(new StreamEvent.ContentBlockDelta(0, new Delta.TextDelta(text.substring(i, Math.min(text.length(), i + 5)))));
    }
    sink.accept(new StreamEvent.ContentBlockStop(0));
    sink.accept(new StreamEvent.MessageDelta(StopReason.END_TURN, null, new Usage(12, 7, 0, 0)));
    sink.accept(new StreamEvent.MessageStop());
  }

  static void toolCall(BackendRequest request, EventSink sink, String id, String name, String json) {
    start(request, sink);
    sink.accept(new StreamEvent.ContentBlockStart(0, new ContentBlock.ToolUse(id, name, dev.tether.api.json.Json.object())));
    for (int i = 0; i < json.length(); i += 10) {
      sink.accept(new StreamEvent.ContentBlockDelta(0, new Delta.InputJsonDelta(json.substring(i, Math.min(json.length(), i + 10)))));
    }
    sink.accept(new StreamEvent.ContentBlockStop(0));
    sink.accept(new StreamEvent.MessageDelta(StopReason.TOOL_USE, null, new Usage(12, 9, 0, 0)));
    sink.accept(new StreamEvent.MessageStop());
  }
}
