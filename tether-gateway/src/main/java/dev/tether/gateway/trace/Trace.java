package dev.tether.gateway.trace;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.messages.MessageResponse;
import java.util.List;
import java.util.Map;

/**
 * One traced request as written to disk.
 *
 * @param id the request id ({@code request-id} header)
 * @param time when it arrived (ISO-8601)
 * @param backend the backend that answered
 * @param model the model name the client asked for
 * @param routedModel the model the backend was asked for
 * @param headers the request headers, secrets redacted
 * @param request the request body as the client sent it
 * @param response the reply, reassembled from the stream (null when it failed before any)
 * @param error what went wrong, or null
 * @param ttftMs milliseconds to the first content (-1 when none came)
 * @param totalMs milliseconds to the end
 */
public record Trace(
    String id,
    String time,
    String backend,
    String model,
    @JsonProperty("routed_model") String routedModel,
    Map<String, List<String>> headers,
    JsonNode request,
    MessageResponse response,
    String error,
    @JsonProperty("ttft_ms") long ttftMs,
    @JsonProperty("total_ms") long totalMs) {}
