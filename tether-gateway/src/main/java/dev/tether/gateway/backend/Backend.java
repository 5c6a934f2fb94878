package dev.tether.gateway.backend;

import dev.tether.api.error.ApiException;
import dev.tether.api.messages.MessagesRequest;
import java.util.List;

/**
 * A source of model replies. The HTTP layer never knows which implementation it talks to.
 *
 * <p>Contract of {@link #stream}: the backend emits a complete, well-formed event stream into the
 * sink ({@code message_start}, blocks, {@code message_delta}, {@code message_stop}), or throws an
 * {@link ApiException}. Failures known before the first event (upstream refused, 4xx/5xx answers)
 * are thrown before anything is emitted, so the client gets a real HTTP status; a backend that must
 * wait long for its first token emits {@code message_start} early so the gateway can send pings.
 */
public interface Backend extends AutoCloseable {

  /** The backend's configured name, used by routes ({@code openai}, {@code anthropic}, …). */
  String name();

  /** Streams the reply to {@code request} into {@code sink}; see the class contract. */
  void stream(BackendRequest request, EventSink sink) throws ApiException;

  /**
   * Counts the input tokens of a request: with the model's tokenizer where the backend has one,
   * else with a documented estimate. Never a constant.
   */
  int countTokens(BackendRequest request) throws ApiException;

  /** The models this backend serves now (may ask the upstream; cached). */
  List<BackendModel> models();

  /** What the gateway must know about a model to normalise requests for it. */
  ModelTraits traits(String model);

  /**
   * Whether requests reach this backend in Anthropic form unchanged (pass-through): the gateway then
   * skips the normalisation that only translating backends need.
   */
  default boolean passThrough() {
    return false;
  }

  @Override
  default void close() {}
}
