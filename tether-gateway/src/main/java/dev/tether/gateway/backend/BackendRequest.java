package dev.tether.gateway.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.messages.MessagesRequest;
import java.util.List;
import java.util.Map;

/**
 * One request as a backend receives it.
 *
 * @param requestId the gateway's {@code request-id} (also the message id stem)
 * @param messages the normalised, typed request; its {@code model} is the name the backend should use
 * @param raw the original JSON body (for pass-through), with the normalised {@code messages} and
 *     {@code system} put back; never log it at INFO
 * @param headers request headers, lower-case names (for pass-through); never log auth headers
 * @param query the raw query string, or null
 * @param cancellation set when the client goes away
 * @param inputTokens the input tokens the gateway already counted with this backend's
 *     {@link Backend#countTokens} while normalising, or 0 when it did not count (pass-through); a
 *     backend uses it instead of counting the same prompt again
 */
public record BackendRequest(
    String requestId,
    MessagesRequest messages,
    ObjectNode raw,
    Map<String, List<String>> headers,
    String query,
    Cancellation cancellation,
    int inputTokens) {

  /** The first value of a header (name in lower case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  /** The message id for the reply: {@code msg_} plus the request id's unique part. */
  public String messageId() {
    return "msg_" + requestId.substring(requestId.indexOf('_') + 1);
  }
}
