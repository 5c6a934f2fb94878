package dev.tether.engine.toolcall;

import java.util.List;

/**
 * Finds the first of several markers in the input, or the first place where the input ends with
 * what could still become a marker. One left-to-right pass, so a caller that consumes up to the
 * hit each time stays linear.
 */
final class MarkerScan {
  /**
   * Where the scan stopped.
   *
   * @param index where the marker (or the possible marker) starts; the input length if neither
   * @param marker the complete marker found there, or {@code null} if the input merely ends with a
   *     prefix of one (or with nothing)
   */
  record Hit(int index, String marker) {
    boolean complete() {
      return marker != null;
    }
  }

  private MarkerScan() {}

  static Hit find(Input in, List<String> markers) {
    int length = in.length();
    for (int i = 0; i < length; i++) {
      char c = in.charAt(i);
      for (String marker : markers) {
        if (marker.charAt(0) != c) {
          continue;
        }
        if (in.startsWith(marker, i)) {
          return new Hit(i, marker);
        }
        if (in.endsWithPrefixOf(marker, i)) {
          // No complete marker can start later: none of our markers contains another one.
          return new Hit(i, null);
        }
      }
    }
    return new Hit(length, null);
  }
}
