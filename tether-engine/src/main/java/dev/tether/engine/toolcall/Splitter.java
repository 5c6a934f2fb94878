package dev.tether.engine.toolcall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the modes share: the input, the output being collected, the configuration and flags. */
final class Splitter {
  static final String THINK_OPEN = "<think>";
  static final String THINK_CLOSE = "</think>";
  static final String TOOL_CALL_OPEN = "<tool_call>";
  static final String TOOL_CALL_CLOSE = "</tool_call>";
  static final String MISTRAL_OPEN = "[TOOL_CALLS]";
  static final String GEMMA_OPEN = "```tool_code";
  static final String GEMMA_CLOSE = "```";
  static final String PYTHON_TAG = "<|python_tag|>";

  final Input in = new Input();
  final Set<ToolCallFormat> formats;
  final int maxBlockChars;
  /** The markers that open something while in plain text, for the enabled formats. */
  final List<String> textMarkers;

  /** Whether the reply so far is blank, so a Llama JSON reply may still begin. */
  boolean llamaPossible;
  /** Whether the output may still begin with a harmony header whose opening was in the prompt. */
  boolean harmonyLeadPossible;

  private final Set<String> toolNames;
  private Mode mode;
  private List<Segment> out = new ArrayList<>();
  private boolean finished;
  private final StringBuilder pending = new StringBuilder();
  private boolean pendingIsReasoning;

  Splitter(Set<ToolCallFormat> formats, Set<String> toolNames, ToolCallExtractor.Options options) {
    this.formats = Set.copyOf(formats);
    this.toolNames = Set.copyOf(toolNames);
    this.maxBlockChars = options.maxBlockChars();
    this.textMarkers = textMarkers(this.formats);
    this.llamaPossible = has(ToolCallFormat.LLAMA_JSON);
    this.harmonyLeadPossible = has(ToolCallFormat.HARMONY) && !options.startsInReasoning();
    this.mode = options.startsInReasoning() ? new ThinkingMode() : new TextMode();
  }

  private static List<String> textMarkers(Set<ToolCallFormat> formats) {
    List<String> markers = new ArrayList<>(List.of(THINK_OPEN));
    if (formats.contains(ToolCallFormat.HERMES) || formats.contains(ToolCallFormat.QWEN3_CODER)) {
      markers.add(TOOL_CALL_OPEN);
    }
    if (formats.contains(ToolCallFormat.QWEN3_CODER)) {
      markers.add(Qwen3CoderParser.FUNCTION_OPEN);
    }
    if (formats.contains(ToolCallFormat.MISTRAL)) {
      markers.add(MISTRAL_OPEN);
    }
    if (formats.contains(ToolCallFormat.GEMMA)) {
      markers.add(GEMMA_OPEN);
    }
    if (formats.contains(ToolCallFormat.HARMONY)) {
      markers.addAll(
          List.of(
              HarmonyHeader.START,
              HarmonyHeader.CHANNEL,
              HarmonyHeader.MESSAGE,
              HarmonyHeader.END,
              HarmonyHeader.RETURN,
              HarmonyHeader.CALL,
              HarmonyHeader.CONSTRAIN));
    }
    return List.copyOf(markers);
  }

  /** Runs the modes over {@code chunk}; returns the segments decided meanwhile. */
  List<Segment> run(String chunk, boolean end) {
    if (finished) {
      throw new IllegalStateException("finish() was already called");
    }
    finished = end;
    in.append(chunk);
    for (Mode next = mode.step(this, end); next != null; next = mode.step(this, end)) {
      mode = next;
    }
    flush();
    List<Segment> decided = out;
    out = new ArrayList<>();
    return decided;
  }

  boolean has(ToolCallFormat format) {
    return formats.contains(format);
  }

  /** Whether a call to {@code name} may become a tool call. */
  boolean accepts(String name) {
    return toolNames.isEmpty() || toolNames.contains(name);
  }

  /** Keeps the calls only if all are to offered tools: a partly valid block stays text whole. */
  Optional<List<Segment.ToolCall>> accepted(Optional<List<Segment.ToolCall>> calls) {
    return calls.filter(list -> list.stream().allMatch(call -> accepts(call.name())));
  }

  void text(String text) {
    if (!text.isBlank()) {
      llamaPossible = false;
    }
    collect(text, false);
  }

  void reasoning(String text) {
    collect(text, true);
  }

  void calls(List<Segment.ToolCall> calls) {
    llamaPossible = false;
    flush();
    out.addAll(calls);
  }

  /** Joins adjacent pieces of the same kind, so one run yields few segments. */
  private void collect(String text, boolean reasoning) {
    if (text.isEmpty()) {
      return;
    }
    if (pendingIsReasoning != reasoning) {
      flush();
      pendingIsReasoning = reasoning;
    }
    pending.append(text);
  }

  private void flush() {
    if (!pending.isEmpty()) {
      String text = pending.toString();
      out.add(pendingIsReasoning ? new Segment.Reasoning(text) : new Segment.Text(text));
      pending.setLength(0);
    }
  }
}
