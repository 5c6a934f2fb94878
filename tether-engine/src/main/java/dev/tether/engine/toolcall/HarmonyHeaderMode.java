package dev.tether.engine.toolcall;

/**
 * Reading a harmony header up to {@code <|message|>}. The input starts with the opening token
 * ({@code <|start|>} or {@code <|channel|>}), or with the header itself when its opening was in the
 * prompt. A "header" that turns out to be prose is released: the opening token is dropped (special
 * tokens never reach the text) and the rest is scanned as text.
 */
final class HarmonyHeaderMode implements Mode {
  private final int openerLength;
  private int checked;

  /** @param openerLength the length of the opening token at the start of the input, or 0 */
  HarmonyHeaderMode(int openerLength) {
    this.openerLength = openerLength;
    this.checked = openerLength;
  }

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int max = openerLength + HarmonyHeader.MAX_LENGTH;
    while (checked < in.length() && checked < max) {
      if (in.startsWith(HarmonyHeader.MESSAGE, checked)) {
        HarmonyHeader header = HarmonyHeader.parse(in.substring(0, checked));
        in.skip(checked + HarmonyHeader.MESSAGE.length());
        return new HarmonyBody(header);
      }
      if (in.endsWithPrefixOf(HarmonyHeader.MESSAGE, checked)) {
        break; // <|message|> may be arriving
      }
      if (!HarmonyHeader.allowed(in.charAt(checked))) {
        return release(splitter);
      }
      checked++;
    }
    return end || checked >= max ? release(splitter) : null;
  }

  private Mode release(Splitter splitter) {
    splitter.in.skip(openerLength);
    return new TextMode();
  }
}
