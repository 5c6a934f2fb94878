package dev.tether.gateway.backend.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.StreamEvent;
import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.toolcall.ToolCallFormat;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.EventSink;
import dev.tether.gateway.backend.ModelTraits;
import dev.tether.gateway.backend.blocks.BlockWriter;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded engine as a backend (PRODUCT.md §1, §2): renders each request with the model's own
 * chat template, tokenizes it, waits its turn in a {@link RequestQueue}, generates, and streams the
 * decoded text through the template's tool-call and reasoning parser into Anthropic blocks.
 *
 * <p>Usage is counted, never estimated. Of the prompt's tokens, those the engine reused from its
 * prefix cache are {@code cache_read_input_tokens}; the ones it prefilled now are {@code
 * cache_creation_input_tokens} when the request asked for caching ({@code cache_control}, as Claude
 * Code always does: the engine keeps them for the next turn) and {@code input_tokens} otherwise. The
 * three add up to the prompt, as in the Anthropic API, so clients that sum them to size the context
 * (Claude Code does) see the real figure. {@code message_start} carries the whole prompt as
 * input (the cache hit is known only once the engine has looked); {@code message_delta} the split.
 *
 * <p>The backend owns the engine and closes it.
 */
public final class LocalBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(LocalBackend.class);
  private static final int MAX_TOOL_NAME = 64;

  private final InferenceEngine engine;
  private final LocalBackendOptions options;
  private final PromptRenderer renderer;
  private final RequestQueue queue;
  private final String displayName;

  public LocalBackend(InferenceEngine engine, LocalBackendOptions options) {
    this.engine = engine;
    this.options = options;
    this.renderer = new PromptRenderer(options.modelId(), engine.metadata(), engine.tokenizer());
    this.queue = new RequestQueue(options.queueDepth());
    this.displayName = engine.metadata().name().filter(n -> !n.isBlank()).orElse(options.modelId());
    if (renderer.problem() != null) {
      log.warn("{}", renderer.problem());
    }
  }

  @Override
  public String name() {
    return options.name();
  }

  /** The engine this backend serves (for the CLI's summary). */
  public InferenceEngine engine() {
    return engine;
  }

  @Override
  public void stream(BackendRequest request, EventSink sink) throws ApiException {
    MessagesRequest messages = request.messages();
    LocalPrompt prompt = renderer.render(messages);
    int promptTokens = prompt.tokens().length;
    int room = engine.contextLength() - promptTokens;
    if (room < 1) {
      throw ApiException.invalidRequest("prompt is too long: " + promptTokens + " tokens, and the context of "
          + options.modelId() + " is " + engine.contextLength() + " tokens");
    }
    int maxTokens = Math.min(messages.maxTokens() == null ? room : messages.maxTokens(), room);
    BooleanSupplier cancelled = () -> request.cancellation().isCancelled();
    try (RequestQueue.Place place = queue.admit()) {
      // message_start at once: the client then gets pings while the request waits and prefills. How
      // much of the prompt the cache holds is known only then, so it counts the whole prompt where the
      // final split will put the new tokens; message_delta then gives the split. Claude Code keeps a
      // delta's zero input_tokens out of its count, so a caching request starts at zero there.
      boolean caching = asksForCaching(request.raw());
      sink.accept(new StreamEvent.MessageStart(MessageResponse.started(request.messageId(),
          clientModel(request), caching ? new Usage(0, 1, promptTokens, 0) : new Usage(promptTokens, 1, 0, 0))));
      if (!place.awaitTurn(cancelled)) {
        throw new ClientGoneException(null);
      }
      ReplyWriter reply = new ReplyWriter(
          // Harmony's channel markers are control tokens: the parser must see their text.
          engine.tokenizer().streamingDecoder(renderer.dialect().formats().contains(ToolCallFormat.HARMONY)),
          renderer.dialect().extractor(toolNames(messages), prompt.text()),
          messages.stopSequences(), new BlockWriter(sink));
      long started = System.nanoTime();
      GenerationRequest.PrefillProgress progress = options.prefill().started(promptTokens);
      GenerationResult result = engine.generate(new GenerationRequest(prompt.tokens(),
          options.defaults().forRequest(messages), maxTokens,
          () -> cancelled.getAsBoolean() || reply.gone() != null, progress), reply);
      options.prefill().finished(result);
      if (reply.gone() != null) {
        throw reply.gone();
      }
      if (result.stop() == GenerationResult.StopReason.CANCELLED || cancelled.getAsBoolean()) {
        throw new ClientGoneException(null);
      }
      log.debug("request {}: {} prompt tokens ({} cached) in {} ms, {} generated in {} ms, stop {}",
          request.requestId(), result.promptTokens(), result.cachedTokens(), result.prefillNanos() / 1_000_000,
          result.generatedTokens(), (System.nanoTime() - started) / 1_000_000, result.stop());
      reply.finish(result, usage(request, result), sink);
    }
  }

  /** The final counts; see the class comment for the split. */
  static Usage usage(BackendRequest request, GenerationResult result) {
    int cached = Math.min(result.cachedTokens(), result.promptTokens());
    int fresh = result.promptTokens() - cached;
    boolean caching = asksForCaching(request.raw());
    return new Usage(caching ? 0 : fresh, result.generatedTokens(), caching ? fresh : 0, cached);
  }

  private static boolean asksForCaching(JsonNode raw) {
    return raw != null && raw.findValue("cache_control") != null;
  }

  @Override
  public int countTokens(BackendRequest request) {
    return renderer.render(request.messages()).tokens().length;
  }

  @Override
  public List<BackendModel> models() {
    return List.of(new BackendModel(options.modelId(), displayName, engine.contextLength()));
  }

  @Override
  public ModelTraits traits(String model) {
    return new ModelTraits(engine.contextLength(), renderer.dialect().reasoning(), false, MAX_TOOL_NAME);
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "LocalBackend[" + options.name() + " " + engine.file() + "]";
  }

  private static Set<String> toolNames(MessagesRequest messages) {
    return messages.tools().stream().filter(Tool::isClientTool).map(Tool::name).collect(Collectors.toSet());
  }

  /** The model name as the client sent it (the routed name may differ). */
  private static String clientModel(BackendRequest request) {
    JsonNode raw = request.raw() == null ? null : request.raw().get("model");
    return raw != null && raw.isTextual() ? raw.asText() : request.messages().model();
  }
}
