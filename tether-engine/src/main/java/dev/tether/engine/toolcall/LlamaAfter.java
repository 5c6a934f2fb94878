package dev.tether.engine.toolcall;

/** After a Llama JSON call: another may follow after {@code ;}, else the rest is text. */
record LlamaAfter() implements Mode {
  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int i = in.skipWhitespace(0);
    if (i == in.length()) {
      return end || in.length() > splitter.maxBlockChars ? new TextMode() : null;
    }
    if (in.charAt(i) != ';') {
      return new TextMode();
    }
    int next = in.skipWhitespace(i + 1);
    if (next == in.length()) {
      return end || in.length() > splitter.maxBlockChars ? new TextMode() : null;
    }
    // The separator stays in the input: if what follows is no call, it comes out as text.
    return in.charAt(next) == '{' ? new LlamaBlock(next) : new TextMode();
  }
}
