package dev.tether.engine.toolcall;

/** A piece of model output after tool-call and reasoning recovery. */
public sealed interface Segment {
  /** Plain text for the user. */
  record Text(String text) implements Segment {}

  /** Reasoning the model wrote (e.g. {@code <think>…</think>}, harmony analysis channel). */
  record Reasoning(String text) implements Segment {}

  /**
   * A tool call.
   *
   * @param name the tool name
   * @param argumentsJson the arguments as a JSON object text (always an object, {@code {}} if none)
   */
  record ToolCall(String name, String argumentsJson) implements Segment {}
}
