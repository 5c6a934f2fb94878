package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.tether.api.json.TypeSwitchDeserializer;
import java.util.Map;

/** How the model must use tools: {@code auto}, {@code any}, a named {@code tool}, or {@code none}. */
@JsonDeserialize(using = ToolChoice.Reader.class)
public sealed interface ToolChoice {
  @JsonProperty("type")
  String type();

  /** {@code disable_parallel_tool_use}; null when absent. */
  Boolean disableParallelToolUse();

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Auto(@JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse)
      implements ToolChoice {
    @Override
    public String type() {
      return "auto";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Any(@JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse)
      implements ToolChoice {
    @Override
    public String type() {
      return "any";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Named(String name, @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse)
      implements ToolChoice {
    @Override
    public String type() {
      return "tool";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record None() implements ToolChoice {
    @Override
    public String type() {
      return "none";
    }

    @Override
    public Boolean disableParallelToolUse() {
      return null;
    }
  }

  /** Reads a tool choice; an unknown type is a bad request. */
  final class Reader extends TypeSwitchDeserializer<ToolChoice> {
    public Reader() {
      super(
          ToolChoice.class,
          Map.of("auto", Auto.class, "any", Any.class, "tool", Named.class, "none", ToolChoice.None.class),
          node -> {
            throw new IllegalArgumentException(
                "tool_choice.type must be auto, any, tool or none; got "
                    + node.path("type").asText());
          });
    }
  }
}
