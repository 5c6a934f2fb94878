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
  public Mode step(Stream stream, boolean end) {
    Input in = stream.in;
    int stop = json.advance(in);
    if (stop == JsonExtent.MORE) {
      if (end || in.length() > stream.maxBlockChars) {
        return notACall(stream);
      }
      return null;
    }
    if (stop == JsonExtent.INVALID || stop > stream.maxBlockChars) {
      return notACall(stream);
    }
    Optional<List<Segment.ToolCall>> calls =
        stream.accepted(Calls.fromJsonText(in.substring(json.start(), stop)));
    if (calls.isEmpty()) {
      return notACall(stream);
    }
    in.skip(stop);
    stream.calls(calls.get());
    return new LlamaAfter();
  }

  private static Mode notACall(Stream stream) {
    stream.llamaPossible = false;
    return new TextMode();
  }
}
