package dev.tether.gateway.backend.blocks;

import java.util.List;

/**
 * Enforces {@code stop_sequences} on streamed text. Upstreams differ in whether and how they apply
 * stop strings (some include the match, some miss it across token boundaries), so the backend does it
 * itself: text that could be the start of a stop sequence is held back until the next chunk decides.
 */
public final class StopSequences {
  /** What may be released now, and the stop sequence that matched (null when none did). */
  public record Result(String text, String matched) {}

  private final List<String> sequences;
  private final StringBuilder held = new StringBuilder();

  public StopSequences(List<String> sequences) {
    this.sequences = sequences.stream().filter(s -> s != null && !s.isEmpty()).toList();
  }

  /** Takes the next chunk of text. */
  public Result feed(String chunk) {
    if (sequences.isEmpty()) {
      return new Result(chunk, null);
    }
    held.append(chunk);
    int best = -1;
    String matched = null;
    for (String sequence : sequences) {
      int at = held.indexOf(sequence);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
        matched = sequence;
      }
    }
    if (matched != null) {
      String text = held.substring(0, best);
      held.setLength(0);
      return new Result(text, matched);
    }
    int keep = longestPrefixSuffix();
    String text = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return new Result(text, null);
  }

  /** The text still held back, at the end of the stream (it did not become a stop sequence). */
  public String flush() {
    String text = held.toString();
    held.setLength(0);
    return text;
  }

  /** The length of the longest end of the held text that begins some stop sequence. */
  private int longestPrefixSuffix() {
    int longest = 0;
    String text = held.toString();
    for (String sequence : sequences) {
      int max = Math.min(sequence.length() - 1, text.length());
      for (int n = max; n > longest; n--) {
        if (text.regionMatches(text.length() - n, sequence, 0, n)) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
