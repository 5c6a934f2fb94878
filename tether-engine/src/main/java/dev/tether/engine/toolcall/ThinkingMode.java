package dev.tether.engine.toolcall;

import java.util.List;

/** Inside {@code <think>…</think>}: everything is reasoning until the closing tag. */
record ThinkingMode() implements Mode {
  // A repeated <think> is dropped: templates that open the block in the prompt sometimes see the
  // model open it again.
  private static final List<String> MARKERS = List.of(Splitter.THINK_CLOSE, Splitter.THINK_OPEN);

  @Override
  public Mode step(Splitter splitter, boolean end) {
    Input in = splitter.in;
    if (in.length() == 0) {
      return null;
    }
    MarkerScan.Hit hit = MarkerScan.find(in, MARKERS);
    if (!hit.complete()) {
      int emit = end ? in.length() : hit.index();
      splitter.reasoning(in.take(emit));
      return emit > 0 ? this : null;
    }
    splitter.reasoning(in.take(hit.index()));
    in.skip(hit.marker().length());
    return hit.marker().equals(Splitter.THINK_CLOSE) ? new TextMode() : this;
  }
}
