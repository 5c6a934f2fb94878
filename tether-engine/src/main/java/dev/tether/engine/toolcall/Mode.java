package dev.tether.engine.toolcall;

/**
 * One state of the output splitter. Each step looks at the unconsumed input, consumes and emits
 * what it can decide, and names the next state.
 */
sealed interface Mode
    permits TextMode, ThinkingMode, TaggedBlock, MistralBlock, LlamaBlock, LlamaAfter,
        HarmonyHeaderMode, HarmonyBody {

  /**
   * Advances on the input in {@code splitter}.
   *
   * @param end true once the output is complete: nothing may be held back any longer
   * @return the next mode (possibly this one, after consuming input), or {@code null} to wait for
   *     more input; at the end, {@code null} only once the input is empty
   */
  Mode step(Splitter splitter, boolean end);
}
