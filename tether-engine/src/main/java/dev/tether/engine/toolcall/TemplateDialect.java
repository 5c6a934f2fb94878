package dev.tether.engine.toolcall;

import java.util.Set;

/**
 * The tool-call convention and reasoning markers a model uses, read from its chat template: a model
 * writes calls the way its template renders past calls, so the template text identifies the parser.
 *
 * <p>The first rule that matches decides (the template families each rule covers are in brackets):
 *
 * <ol>
 *   <li>{@code <|channel|>} → {@link ToolCallFormat#HARMONY} [gpt-oss].
 *   <li>{@code <function=} together with {@code <parameter=} → {@link ToolCallFormat#QWEN3_CODER}
 *       [Qwen3-Coder, Qwen3.5, Nemotron 3, Step 3.5, Seed-OSS].
 *   <li>{@code [TOOL_CALLS]} → {@link ToolCallFormat#MISTRAL} [Mistral Nemo / Small, Devstral,
 *       Magistral, Ministral].
 *   <li>{@code <|python_tag|>} or an {@code ipython} role → {@link ToolCallFormat#LLAMA_JSON}
 *       [Llama 3.1 / 3.2 / 3.3, functionary v3.1].
 *   <li>{@code <tool_call>}, unless the template uses GLM's {@code <arg_key>} or Apriel's {@code
 *       <tool_calls>[…]} list → {@link ToolCallFormat#HERMES} [Qwen2.5, Qwen3, QwQ, Hermes 2/3,
 *       MiMo-VL, Reka, Bielik, Granite 4].
 *   <li>{@code tool_code}, or a Gemma 2/3 template ({@code <start_of_turn>}) that has no tool syntax
 *       of its own → {@link ToolCallFormat#GEMMA} (Gemma 3 is prompted to answer with a {@code
 *       ```tool_code} block; its template says nothing about tools).
 *   <li>Anything else → no format: calls stay text. This covers conventions we do not parse yet:
 *       DeepSeek's {@code <｜tool▁calls▁begin｜>}, Kimi K2's sections, GLM's {@code <arg_key>},
 *       MiniMax's {@code <minimax:tool_call>}, Command-R's {@code Action:}, Granite 3.3 and Phi-4's
 *       {@code <|tool_call|>}, LFM2's {@code <|tool_call_start|>}, Gemma 4's {@code <|tool_call>},
 *       FunctionGemma, firefunction's {@code functools[…]}, functionary v3.2 and Apriel.
 * </ol>
 *
 * <p>Reasoning: a template that mentions {@code <think>} or {@code </think>} belongs to a model that
 * reasons between those tags. Whether the output <em>starts</em> inside such a block depends on the
 * rendered prompt, not the template: see {@link #startsInReasoning(String)}.
 *
 * @param formats the formats to recognise (empty: none, or one)
 * @param reasoning whether the model writes {@code <think>…</think>} reasoning
 */
public record TemplateDialect(Set<ToolCallFormat> formats, boolean reasoning) {
  /** Copies the set. */
  public TemplateDialect {
    formats = Set.copyOf(formats);
  }

  /** Reads the dialect from a chat template's text. */
  public static TemplateDialect of(String chatTemplate) {
    boolean reasoning = chatTemplate.contains("<think>") || chatTemplate.contains("</think>");
    return new TemplateDialect(format(chatTemplate), reasoning);
  }

  private static Set<ToolCallFormat> format(String t) {
    if (t.contains("<|channel|>")) {
      return Set.of(ToolCallFormat.HARMONY);
    }
    if (t.contains("<function=") && t.contains("<parameter=")) {
      return Set.of(ToolCallFormat.QWEN3_CODER);
    }
    if (t.contains("[TOOL_CALLS]")) {
      return Set.of(ToolCallFormat.MISTRAL);
    }
    if (t.contains("<|python_tag|>") || t.contains("ipython")) {
      return Set.of(ToolCallFormat.LLAMA_JSON);
    }
    if (t.contains("<tool_call>") && !t.contains("<arg_key>") && !t.contains("<tool_calls>")) {
      return Set.of(ToolCallFormat.HERMES);
    }
    if (t.contains("tool_code") || (t.contains("<start_of_turn>") && !t.contains("tools"))) {
      return Set.of(ToolCallFormat.GEMMA);
    }
    return Set.of();
  }

  /**
   * Whether a rendered prompt leaves the model inside a reasoning block: it ends with {@code
   * <think>} (DeepSeek-R1, Qwen3.5, Nemotron 3, MiniMax-M2 open the block for the model), so the
   * output up to {@code </think>} is reasoning.
   */
  public static boolean startsInReasoning(String renderedPrompt) {
    return renderedPrompt.stripTrailing().endsWith("<think>");
  }

  /** An extractor for one reply of this model, for a prompt rendered with its template. */
  public ToolCallExtractor extractor(Set<String> toolNames, String renderedPrompt) {
    ToolCallExtractor.Options options = ToolCallExtractor.Options.defaults()
        .withStartsInReasoning(reasoning && startsInReasoning(renderedPrompt));
    return new ToolCallExtractor(formats, toolNames, options);
  }
}
