package dev.tether.control.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of a session's append-only log, the envelope every surface sees:
 * {@code {session_id, seq, ts, type, data}}. {@code seq} counts from 1 without gaps per session;
 * {@code position} orders events across all sessions (the id of the all-sessions stream) and is not
 * part of the envelope.
 */
@JsonPropertyOrder({"session_id", "seq", "ts", "type", "data"})
public record Event(
    @JsonIgnore long position,
    @JsonProperty("session_id") String sessionId,
    @JsonProperty("seq") long seq,
    @JsonProperty("ts") Instant ts,
    @JsonIgnore SessionEvent body) {

  /** The wire type, e.g. {@code output}. */
  @JsonProperty("type")
  public String type() {
    return body.type();
  }

  /** The wire data. */
  @JsonProperty("data")
  public JsonNode data() {
    return EventCodec.data(body);
  }

  /** Reads an envelope (as a client does); the position is unknown there, so 0. */
  @JsonCreator
  static Event fromWire(@JsonProperty("session_id") String sessionId, @JsonProperty("seq") long seq,
      @JsonProperty("ts") Instant ts, @JsonProperty("type") String type, @JsonProperty("data") JsonNode data) {
    return new Event(0, sessionId, seq, ts, EventCodec.decode(type, data));
  }
}
