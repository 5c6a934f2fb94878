package dev.tether.engine.toolcall;

/**
 * Plain output: emits text up to the next marker, holding back only a tail that could still grow
 * into one. At the start of the reply it also watches for the two formats that have no opening
 * marker of their own: a Llama JSON reply and a harmony header whose opening was in the prompt.
 */
record TextMode() implements Mode {

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    if (in.length() == 0) {
      return null;
    }
    if (splitter.harmonyLeadPossible) {
      switch (HarmonyHeader.lead(in)) {
        case LIKELY -> {
          splitter.harmonyLeadPossible = false;
          return new HarmonyHeaderMode(0);
        }
        case UNDECIDED -> {
          if (!end) {
            return null;
          }
          splitter.harmonyLeadPossible = false;
        }
        case NO -> splitter.harmonyLeadPossible = false;
      }
    }
    if (splitter.llamaPossible) {
      Mode llama = llamaLead(splitter, end);
      if (llama != LLAMA_UNDECIDED) {
        return llama;
      }
    }
    MarkerScan.Hit hit = MarkerScan.find(in, splitter.textMarkers);
    if (!hit.complete()) {
      // At the end a dangling partial marker is just text.
      int emit = end ? in.length() : hit.index();
      splitter.text(in.take(emit));
      return emit > 0 ? this : null;
    }
    splitter.text(in.take(hit.index()));
    return opened(splitter, hit.marker());
  }

  /** Sentinel: the Llama lead check found nothing to do; continue with the marker scan. */
  private static final Mode LLAMA_UNDECIDED = new TextMode();

  /**
   * A Llama reply is JSON from its first non-blank character (optionally after {@code
   * <|python_tag|>}). Leading whitespace is passed on as text; it does not decide anything.
   */
  private Mode llamaLead(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int first = in.skipWhitespace(0);
    if (first > 0) {
      splitter.text(in.take(first));
      return this;
    }
    char c = in.charAt(0);
    if (c == '{' || c == '[') {
      return new LlamaBlock(0);
    }
    if (in.startsWith(Splitter.PYTHON_TAG, 0)) {
      int json = in.skipWhitespace(Splitter.PYTHON_TAG.length());
      if (json == in.length()) {
        if (end) {
          splitter.llamaPossible = false;
          return LLAMA_UNDECIDED;
        }
        return null;
      }
      if (in.charAt(json) == '{' || in.charAt(json) == '[') {
        return new LlamaBlock(json);
      }
      splitter.llamaPossible = false;
    } else if (in.endsWithPrefixOf(Splitter.PYTHON_TAG, 0) && !end) {
      return null;
    }
    // Anything else goes through the marker scan; emitting non-blank text ends the possibility.
    return LLAMA_UNDECIDED;
  }

  private Mode opened(Splitter splitter, String marker) {
    Input in = splitter.in;
    return switch (marker) {
      case Splitter.THINK_OPEN -> {
        in.skip(marker.length());
        yield new ThinkingMode();
      }
      case Splitter.TOOL_CALL_OPEN -> TaggedBlock.toolCall();
      case Qwen3CoderParser.FUNCTION_OPEN -> TaggedBlock.function();
      case Splitter.GEMMA_OPEN -> TaggedBlock.gemma();
      case Splitter.MISTRAL_OPEN -> new MistralBlock();
      case HarmonyHeader.START, HarmonyHeader.CHANNEL -> new HarmonyHeaderMode(marker.length());
      case HarmonyHeader.MESSAGE -> {
        // A body without a header: nothing says it is reasoning or a call, so it is text.
        in.skip(marker.length());
        yield new HarmonyBody(new HarmonyHeader("", null));
      }
      default -> {
        // A stray harmony control token (<|end|>, <|call|>, …): never part of the text.
        in.skip(marker.length());
        yield this;
      }
    };
  }
}
