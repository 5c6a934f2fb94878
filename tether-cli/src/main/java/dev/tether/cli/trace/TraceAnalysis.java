package dev.tether.cli.trace;

import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Where a request's tokens go: system prompt, tool definitions (largest first) and messages, counted
 * with a model's tokenizer or the gateway's estimate.
 *
 * @param counter what counted: a tokenizer's file, or "estimate"
 */
public record TraceAnalysis(String counter, int system, List<Part> tools, List<Part> messages) {
  /** A counted part: a tool by name, or a message by position and role. */
  public record Part(String name, int tokens) {}

  public static TraceAnalysis of(MessagesRequest request, ToIntFunction<String> count, String counter) {
    int system = request.system().stream().mapToInt(t -> count.applyAsInt(t.text())).sum();
    List<Part> tools = new ArrayList<>();
    for (Tool tool : request.tools()) {
      tools.add(new Part(tool.name(), count.applyAsInt(Json.write(tool))));
    }
    tools.sort(Comparator.comparingInt(Part::tokens).reversed());
    List<Part> messages = new ArrayList<>();
    int i = 0;
    for (Message m : request.messages()) {
      i++;
      int tokens = 0;
      for (ContentBlock b : m.content()) {
        tokens += count.applyAsInt(b instanceof ContentBlock.Text t ? t.text() : Json.write(b));
      }
      messages.add(new Part("#" + i + " " + m.role().name().toLowerCase(Locale.ROOT) + " " + kinds(m), tokens));
    }
    return new TraceAnalysis(counter, system, List.copyOf(tools), List.copyOf(messages));
  }

  private static String kinds(Message m) {
    return String.join("+", m.content().stream().map(b -> switch (b) {
      case ContentBlock.Text t -> "text";
      case ContentBlock.ToolUse u -> "tool_use";
      case ContentBlock.ToolResult r -> "tool_result";
      case ContentBlock.Image im -> "image";
      case ContentBlock.Document d -> "document";
      case ContentBlock.Thinking t -> "thinking";
      case ContentBlock.RedactedThinking t -> "redacted_thinking";
      case ContentBlock.Unknown u -> "other";
    }).distinct().toList());
  }

  public int toolTokens() {
    return tools.stream().mapToInt(Part::tokens).sum();
  }

  public int messageTokens() {
    return messages.stream().mapToInt(Part::tokens).sum();
  }

  public int total() {
    return system + toolTokens() + messageTokens();
  }

  /** The report {@code tether trace analyze} prints. */
  public List<String> render(int topTools) {
    List<String> lines = new ArrayList<>();
    int total = Math.max(1, total());
    lines.add("tokens counted with " + counter);
    lines.add(String.format(Locale.ROOT, "%-10s %8d  %5.1f%%", "system", system, 100.0 * system / total));
    lines.add(String.format(Locale.ROOT, "%-10s %8d  %5.1f%%  (%d tools)", "tools", toolTokens(),
        100.0 * toolTokens() / total, tools.size()));
    lines.add(String.format(Locale.ROOT, "%-10s %8d  %5.1f%%  (%d messages)", "messages", messageTokens(),
        100.0 * messageTokens() / total, messages.size()));
    lines.add(String.format(Locale.ROOT, "%-10s %8d", "total", total()));
    if (!tools.isEmpty()) {
      lines.add("");
      lines.add("largest tools:");
      tools.stream().limit(topTools).forEach(p -> lines.add(String.format(Locale.ROOT, "  %8d  %s", p.tokens(), p.name())));
    }
    if (!messages.isEmpty()) {
      lines.add("");
      lines.add("messages:");
      messages.forEach(p -> lines.add(String.format(Locale.ROOT, "  %8d  %s", p.tokens(), p.name())));
    }
    return lines;
  }
}
