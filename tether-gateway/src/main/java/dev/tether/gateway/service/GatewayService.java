package dev.tether.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.ModelInfo;
import dev.tether.api.messages.ModelList;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.ModelTraits;
import dev.tether.gateway.normalize.RequestNormalizer;
import dev.tether.gateway.normalize.ToolNames;
import dev.tether.gateway.routing.Router;
import dev.tether.gateway.trace.Trace;
import dev.tether.gateway.trace.TraceSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Messages API pipeline: bind → validate → route → normalise → backend. */
public final class GatewayService implements AutoCloseable {
  /** Claude Code only lists gateway models whose id starts with this (research gateway.md §3.5). */
  public static final String ALIAS_PREFIX = "claude-";

  private final Router router;
  private final String createdAt = Instant.now().toString();

  private final int maxContext;
  private final TraceSink traces;
  private final ReplyTap tap;

  /** A service with no context cap beyond each model's own, and no traces. */
  public GatewayService(Router router) {
    this(router, 0, null);
  }

  /**
   * @param maxContext the most context any model gets, in tokens (0: each model's own)
   * @param traces where to record each request and its reply, or null for none
   */
  public GatewayService(Router router, int maxContext, TraceSink traces) {
    this(router, maxContext, traces, null);
  }

  /**
   * @param tap hears main-loop replies per agent session, or null
   */
  public GatewayService(Router router, int maxContext, TraceSink traces, ReplyTap tap) {
    this.router = router;
    this.maxContext = maxContext;
    this.traces = traces;
    this.tap = tap;
  }

  /** A request ready for its backend. */
  public record Prepared(Backend backend, BackendRequest request, ToolNames toolNames, String clientModel) {}

  /**
   * Binds, validates, routes and normalises a {@code /v1/messages} (or count_tokens) body.
   *
   * @throws ApiException 400 for a malformed or invalid body
   */
  public Prepared prepare(
      String requestId,
      JsonNode body,
      Map<String, List<String>> headers,
      String query,
      Cancellation cancellation,
      boolean countOnly) {
    if (!(body instanceof ObjectNode raw)) {
      throw ApiException.invalidRequest("request body must be a JSON object");
    }
    MessagesRequest request = bind(raw);
    if (request.temperature() != null && (request.temperature() < 0 || request.temperature() > 1)) {
      throw ApiException.invalidRequest("temperature: must be between 0 and 1, got " + request.temperature());
    }
    return prepare(requestId, request, raw, headers, query, cancellation, countOnly);
  }

  /**
   * Validates, routes and normalises a request that is already typed (e.g. translated from the
   * OpenAI surface); {@code raw} is its JSON form for pass-through backends.
   */
  public Prepared prepare(
      String requestId,
      MessagesRequest request,
      ObjectNode raw,
      Map<String, List<String>> headers,
      String query,
      Cancellation cancellation,
      boolean countOnly) {
    validate(request, countOnly);
    Router.Target target = router.resolve(request.model());
    Backend backend = target.backend();
    MessagesRequest routed = request.withModel(target.model());
    if (backend.passThrough()) {
      MessagesRequest fixed = RequestNormalizer.normalizePassThrough(routed);
      ObjectNode forwarded = raw.deepCopy();
      forwarded.set("messages", Json.MAPPER.valueToTree(fixed.messages()));
      if (raw.has("system") && !(raw.get("system").isTextual())) {
        forwarded.set("system", Json.MAPPER.valueToTree(fixed.system()));
      }
      forwarded.put("model", target.model());
      return new Prepared(backend,
          new BackendRequest(requestId, fixed, forwarded, headers, query, cancellation, 0),
          new ToolNames(Integer.MAX_VALUE), request.model());
    }
    ModelTraits traits = backend.traits(target.model());
    // The backend counts tokens with its tokenizer or its documented estimate.
    RequestNormalizer normalizer = new RequestNormalizer(r -> backend.countTokens(
        new BackendRequest(requestId, r, raw, headers, query, cancellation, 0)), maxContext);
    RequestNormalizer.Normalized normalized = normalizer.normalize(routed, traits, !countOnly);
    return new Prepared(backend,
        new BackendRequest(requestId, normalized.request(), raw, headers, query, cancellation,
            normalized.inputTokens()),
        normalized.toolNames(), request.model());
  }

  /**
   * Streams the reply of a prepared request into {@code sink}, as the client knows it: the model
   * name it asked for (as the API echoes it, whatever a route chose) and its own tool names.
   */
  public void stream(Prepared prepared, EventSink sink) {
    ReplyTap.Listener listener = listener(prepared);
    if (listener == null) {
      traced(prepared, sink);
      return;
    }
    try {
      traced(prepared, event -> {
        sink.accept(event);
        try {
          listener.event(event);
        } catch (RuntimeException e) {
          // A tap is a witness, never a reason to fail the reply.
        }
      });
    } finally {
      try {
        listener.end();
      } catch (RuntimeException e) {
        // as above
      }
    }
  }

  /** The tap's listener for a main-loop request of an agent session, else null. */
  private ReplyTap.Listener listener(Prepared prepared) {
    BackendRequest request = prepared.request();
    String session = request.header(ReplyTap.SESSION_HEADER);
    if (tap == null || session == null || session.isBlank() || request.header(ReplyTap.AGENT_HEADER) != null
        || request.messages().tools() == null || request.messages().tools().isEmpty()) {
      return null;
    }
    try {
      return tap.open(session.strip(), request.requestId());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void traced(Prepared prepared, EventSink sink) {
    if (traces == null) {
      streamToClient(prepared, sink);
      return;
    }
    Instant time = Instant.now();
    long started = System.nanoTime();
    long[] firstContent = {-1};
    MessageAssembler assembler = new MessageAssembler();
    String error = null;
    try {
      streamToClient(prepared, event -> {
        if (firstContent[0] < 0 && event instanceof StreamEvent.ContentBlockDelta) {
          firstContent[0] = System.nanoTime();
        }
        try {
          assembler.accept(event);
        } catch (RuntimeException e) {
          // The trace is a witness, never a reason to fail the reply.
        }
        sink.accept(event);
      });
    } catch (RuntimeException e) {
      error = e instanceof ApiException api ? api.type().wire() + ": " + api.getMessage() : e.toString();
      throw e;
    } finally {
      BackendRequest request = prepared.request();
      traces.record(new Trace(request.requestId(), time.toString(), prepared.backend().name(), prepared.clientModel(),
          request.messages().model(), request.headers(), request.raw(),
          assembler.complete() ? assembler.message() : null, error,
          firstContent[0] < 0 ? -1 : (firstContent[0] - started) / 1_000_000, (System.nanoTime() - started) / 1_000_000));
    }
  }

  private void streamToClient(Prepared prepared, EventSink sink) {
    ToolNames names = prepared.toolNames();
    prepared.backend().stream(prepared.request(), event -> sink.accept(switch (event) {
      case StreamEvent.MessageStart start when !prepared.clientModel().equals(start.message().model()) ->
          new StreamEvent.MessageStart(new MessageResponse(start.message().id(), prepared.clientModel(),
              start.message().content(), start.message().stopReason(), start.message().stopSequence(),
              start.message().usage()));
      case StreamEvent.ContentBlockStart start when names.any() && start.contentBlock() instanceof ContentBlock.ToolUse use ->
          new StreamEvent.ContentBlockStart(start.index(),
              new ContentBlock.ToolUse(use.id(), names.original(use.name()), use.input(), use.cacheControl()));
      default -> event;
    }));
  }

  /** Counts a prepared request's input tokens (normalisation has already counted them, except for pass-through). */
  public int countTokens(Prepared prepared) {
    int counted = prepared.request().inputTokens();
    return counted > 0 ? counted : prepared.backend().countTokens(prepared.request());
  }

  /** Every model of every backend, each also under a {@code claude-} alias. */
  public ModelList models() {
    Map<String, ModelInfo> listed = new LinkedHashMap<>();
    for (Backend backend : router.backends()) {
      for (BackendModel model : backend.models()) {
        Integer context = model.contextLength() > 0 ? model.contextLength() : null;
        listed.putIfAbsent(model.id(), new ModelInfo(model.id(), model.displayName(), createdAt, context));
        if (!backend.passThrough() && !model.id().startsWith(ALIAS_PREFIX)) {
          String alias = ALIAS_PREFIX + model.id();
          listed.putIfAbsent(alias, new ModelInfo(alias, model.displayName() + " (via Tether)", createdAt, context));
        }
      }
    }
    List<ModelInfo> data = new ArrayList<>(listed.values());
    return new ModelList(data, false,
        data.isEmpty() ? null : data.getFirst().id(), data.isEmpty() ? null : data.getLast().id());
  }

  /** One model by id or alias. */
  public Optional<ModelInfo> model(String id) {
    return models().data().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  @Override
  public void close() {
    router.close();
  }

  private static MessagesRequest bind(ObjectNode raw) {
    try {
      return Json.MAPPER.treeToValue(raw, MessagesRequest.class);
    } catch (MismatchedInputException e) {
      throw ApiException.invalidRequest(describe(e));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
      throw ApiException.invalidRequest(firstLine(cause.getMessage()));
    }
  }

  private static String describe(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('.').append(ref.getIndex());
      }
    }
    String where = path.isEmpty() ? "body" : path.toString();
    return where + ": " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid request body";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void validate(MessagesRequest request, boolean countOnly) {
    if (request.model() == null || request.model().isBlank()) {
      throw ApiException.invalidRequest("model: Field required");
    }
    if (request.messages().isEmpty()) {
      throw ApiException.invalidRequest("messages: at least one message is required");
    }
    if (!countOnly) {
      if (request.maxTokens() == null) {
        throw ApiException.invalidRequest("max_tokens: Field required");
      }
      if (request.maxTokens() < 1) {
        throw ApiException.invalidRequest("max_tokens: must be at least 1, got " + request.maxTokens());
      }
    }
    for (int i = 0; i < request.messages().size(); i++) {
      Message message = request.messages().get(i);
      if (message.role() == null) {
        throw ApiException.invalidRequest("messages." + i + ".role: Field required");
      }
      if (message.content() == null) {
        throw ApiException.invalidRequest("messages." + i + ".content: Field required");
      }
      for (ContentBlock block : message.content()) {
        if (block instanceof ContentBlock.ToolUse use && (use.id() == null || use.name() == null)) {
          throw ApiException.invalidRequest("messages." + i + ": tool_use blocks need an id and a name");
        }
        if (block instanceof ContentBlock.ToolResult result && result.toolUseId() == null) {
          throw ApiException.invalidRequest("messages." + i + ": tool_result blocks need a tool_use_id");
        }
        if (block instanceof ContentBlock.Text text && text.text() == null) {
          throw ApiException.invalidRequest("messages." + i + ": text blocks need a text field");
        }
      }
    }
  }
}
