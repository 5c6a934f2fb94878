package dev.tether.control.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.control.ControlJson;
import java.util.Map;

/** Turns {@link SessionEvent}s into {@code type} + {@code data} and back. */
public final class EventCodec {
  private static final Map<String, Class<? extends SessionEvent>> TYPES = Map.ofEntries(
      Map.entry("state", SessionEvent.StateChanged.class),
      Map.entry("output", SessionEvent.Output.class),
      Map.entry("user_input", SessionEvent.UserInput.class),
      Map.entry("interrupt", SessionEvent.Interrupt.class),
      Map.entry("approval_requested", SessionEvent.ApprovalRequested.class),
      Map.entry("approval_resolved", SessionEvent.ApprovalResolved.class),
      Map.entry("usage", SessionEvent.UsageReported.class),
      Map.entry("error", SessionEvent.ErrorReported.class),
      Map.entry("session_updated", SessionEvent.SessionUpdated.class),
      Map.entry("session_deleted", SessionEvent.SessionDeleted.class),
      Map.entry("agent_disconnected", SessionEvent.AgentDisconnected.class),
      Map.entry("notification", SessionEvent.Notification.class));

  private EventCodec() {}

  /** Whether {@code type} is one this version knows. */
  public static boolean known(String type) {
    return TYPES.containsKey(type);
  }

  /** The {@code data} object of an event. */
  public static JsonNode data(SessionEvent event) {
    if (event instanceof SessionEvent.Unknown unknown) {
      return unknown.data() != null ? unknown.data() : JsonNodeFactory.instance.objectNode();
    }
    return ControlJson.MAPPER.valueToTree(event);
  }

  /**
   * The event of {@code type} with {@code data}; an unknown type is kept as {@link SessionEvent.Unknown}.
   *
   * @throws IllegalArgumentException when the data does not fit a known type
   */
  public static SessionEvent decode(String type, JsonNode data) {
    Class<? extends SessionEvent> cls = TYPES.get(type);
    if (cls == null) {
      return new SessionEvent.Unknown(type, data);
    }
    try {
      return ControlJson.MAPPER.treeToValue(data != null && !data.isNull() ? data : JsonNodeFactory.instance.objectNode(), cls);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad data for event type " + type + ": " + e.getOriginalMessage(), e);
    }
  }
}
