package dev.tether.engine.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a chat template renders: the messages and tools in the shape Hugging Face templates expect
 * (OpenAI-style dicts: {@code {"role","content"}}, assistant {@code tool_calls} with {@code
 * function.arguments} as a dict, {@code {"role":"tool","tool_call_id","name","content"}}, tools as
 * {@code {"type":"function","function":{…}}}).
 *
 * @param messages the messages, usually {@link Value.Dict}s
 * @param tools the tools, or empty when none are offered (the template then sees {@code tools =
 *     None}, which is defined but false)
 * @param addGenerationPrompt whether to end with the opening of an assistant turn
 * @param extra more variables to pass (for example {@code enable_thinking}); they must not clash with
 *     the standard ones
 */
public record Conversation(
    List<Value> messages, Optional<List<Value>> tools, boolean addGenerationPrompt, Map<String, Value> extra) {
  /** Copies the lists. */
  public Conversation {
    messages = List.copyOf(messages);
    tools = tools.map(List::copyOf);
    extra = Map.copyOf(extra);
  }

  /** Messages without tools or extra variables. */
  public static Conversation of(List<Value> messages, boolean addGenerationPrompt) {
    return new Conversation(messages, Optional.empty(), addGenerationPrompt, Map.of());
  }

  /**
   * Reads the corpus's conversation format: a dict with {@code messages}, optional {@code tools} and
   * optional {@code add_generation_prompt} (false when absent).
   *
   * @throws IllegalArgumentException if {@code messages} is missing or not a list
   */
  public static Conversation fromDocument(Value document) {
    if (!(document instanceof Value.Dict dict)) {
      throw new IllegalArgumentException("a conversation must be a JSON object");
    }
    if (!(dict.get(Value.str("messages")) instanceof Value.Seq messages) || !messages.isList()) {
      throw new IllegalArgumentException("a conversation needs \"messages\": a list");
    }
    Value tools = dict.get(Value.str("tools"));
    Optional<List<Value>> toolList = switch (tools) {
      case null -> Optional.empty();
      case Value.None n -> Optional.empty();
      case Value.Seq s when s.isList() -> Optional.of(s.items());
      default -> throw new IllegalArgumentException("\"tools\" must be a list");
    };
    Value prompt = dict.get(Value.str("add_generation_prompt"));
    return new Conversation(messages.items(), toolList, prompt != null && PyOps.truthy(prompt), Map.of());
  }
}
