package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.ChatJson.field;
import static dev.tether.gateway.chat.ChatJson.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.ToolChoice;
import java.util.ArrayList;
import java.util.List;

/** {@code tools}/{@code functions} and {@code tool_choice}/{@code function_call}. */
final class ChatTools {
  private ChatTools() {}

  /** {@code tools} of type function, then the legacy {@code functions}. */
  static List<Tool> tools(JsonNode body) {
    List<Tool> tools = new ArrayList<>();
    JsonNode list = field(body, "tools");
    if (list != null) {
      requireArray(list, "tools");
      for (int i = 0; i < list.size(); i++) {
        String where = "tools[" + i + "]";
        JsonNode tool = list.get(i);
        if (!tool.isObject()) {
          throw invalid(where + " must be an object");
        }
        String type = ChatJson.optionalText(tool, "type", where);
        if (type != null && !type.equals("function")) {
          throw invalid(where + ".type \"" + type + "\" is not supported; only function tools are");
        }
        JsonNode function = field(tool, "function");
        if (function == null || !function.isObject()) {
          throw invalid(where + ".function is required");
        }
        tools.add(function(function, where + ".function"));
      }
    }
    JsonNode functions = field(body, "functions");
    if (functions != null) {
      requireArray(functions, "functions");
      for (int i = 0; i < functions.size(); i++) {
        JsonNode function = functions.get(i);
        if (!function.isObject()) {
          throw invalid("functions[" + i + "] must be an object");
        }
        tools.add(function(function, "functions[" + i + "]"));
      }
    }
    return tools;
  }

  private static Tool function(JsonNode function, String where) {
    String name = ChatJson.requiredText(function, "name", where);
    String description = ChatJson.optionalText(function, "description", where);
    JsonNode parameters = field(function, "parameters");
    if (parameters == null) {
      // OpenAI allows a function without parameters; Anthropic needs a schema.
      ObjectNode empty = Json.object();
      empty.put("type", "object");
      empty.putObject("properties");
      parameters = empty;
    } else if (!parameters.isObject()) {
      throw invalid(where + ".parameters must be a JSON Schema object");
    }
    return new Tool(name, description, parameters);
  }

  /**
   * {@code tool_choice} (or the legacy {@code function_call}), with {@code parallel_tool_calls:
   * false} folded in; null when neither says anything.
   */
  static ToolChoice toolChoice(JsonNode body, List<Tool> tools) {
    Boolean parallel = ChatJson.optionalBoolean(body, "parallel_tool_calls", "");
    Boolean disableParallel = Boolean.FALSE.equals(parallel) ? Boolean.TRUE : null;
    String field = "tool_choice";
    JsonNode choice = field(body, field);
    if (choice == null) {
      field = "function_call";
      choice = field(body, field);
    }
    if (choice == null) {
      return disableParallel == null ? null : new ToolChoice.Auto(disableParallel);
    }
    if (choice.isTextual()) {
      return switch (choice.asText()) {
        case "auto" -> new ToolChoice.Auto(disableParallel);
        case "none" -> new ToolChoice.None();
        case "required" -> new ToolChoice.Any(disableParallel);
        default -> throw invalid(field + " must be \"auto\", \"none\", \"required\" or"
            + " {\"type\":\"function\",\"function\":{\"name\":…}}; got \"" + choice.asText() + "\"");
      };
    }
    if (!choice.isObject()) {
      throw invalid(field + " must be a string or an object");
    }
    if (field.equals("tool_choice")) {
      String type = ChatJson.optionalText(choice, "type", field);
      if (type != null && !type.equals("function")) {
        throw invalid("tool_choice.type \"" + type + "\" is not supported; use \"function\"");
      }
    }
    // tool_choice names the function under "function"; the legacy function_call names it directly.
    JsonNode named = field.equals("tool_choice") ? field(choice, "function") : choice;
    if (named == null || !named.isObject()) {
      throw invalid(field + ".function is required");
    }
    String where = field.equals("tool_choice") ? field + ".function" : field;
    String name = ChatJson.requiredText(named, "name", where);
    if (tools.stream().noneMatch(t -> name.equals(t.name()))) {
      throw invalid(where + ".name \"" + name + "\" is not one of the tools given");
    }
    return new ToolChoice.Named(name, disableParallel);
  }

  private static void requireArray(JsonNode node, String where) {
    if (!node.isArray()) {
      throw invalid(where + " must be an array");
    }
  }
}
