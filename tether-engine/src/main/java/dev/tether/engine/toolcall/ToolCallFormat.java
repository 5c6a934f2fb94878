package dev.tether.engine.toolcall;

/** The textual tool-call conventions the extractor understands. */
public enum ToolCallFormat {
  /** Hermes / Qwen 2.5: {@code <tool_call>{"name":…,"arguments":{…}}</tool_call>}. */
  HERMES,
  /** Qwen3-Coder: {@code <tool_call><function=NAME><parameter=P>value</parameter></function></tool_call>}. */
  QWEN3_CODER,
  /** Llama 3.x: a bare JSON object {@code {"name":…,"parameters"|"arguments":{…}}} as the whole reply. */
  LLAMA_JSON,
  /** Mistral: {@code [TOOL_CALLS][{"name":…,"arguments":{…}}, …]}. */
  MISTRAL,
  /** gpt-oss harmony: {@code <|channel|>commentary to=functions.NAME … <|message|>{…}<|call|>}. */
  HARMONY,
  /** Gemma: a {@code ```tool_code} block holding {@code name(arg=value, …)}. */
  GEMMA
}
