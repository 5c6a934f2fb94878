package dev.tether.engine.toolcall;

import java.util.List;
import java.util.Optional;

/**
 * A reply that may be Llama's JSON call: held back until the JSON closes. If it is not an accepted
 * call, nothing is consumed and the same input is scanned again as text (with the Llama check
 * off), so other markers in it still count.
 */
final class LlamaBlock implements Mode {
  private final JsonExtent json;

  /** @param jsonStart where the JSON starts in the input (after a tag or separator, if any) */
  LlamaBlock(int jsonStart) {
    this.json = new JsonExtent(jsonStart);
  }

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    int stop = json.advance(in);
    if (stop == JsonExtent.MORE) {
      if (end || in.length() > splitter.maxBlockChars) {
        return notACall(splitter);
      }
      return null;
    }
    if (stop == JsonExtent.INVALID || stop > splitter.maxBlockChars) {
      return notACall(splitter);
    }
    Optional<List<Segment.ToolCall>> calls =
        splitter.accepted(Calls.fromJsonText(in.substring(json.start(), stop)));
    if (calls.isEmpty()) {
      return notACall(splitter);
    }
    in.skip(stop);
    splitter.calls(calls.get());
    return new LlamaAfter();
  }

  private static Mode notACall(Splitter splitter) {
    splitter.llamaPossible = false;
    return new TextMode();
  }
}
