package dev.tether.engine.json;

import java.io.Serial;

/** Text that is not valid JSON. The message names the character position of the problem. */
public final class JsonException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int position;

  /**
   * @param problem what is wrong, without the position
   * @param position the 0-based index of the offending character in the parsed text
   */
  public JsonException(String problem, int position) {
    super(problem + " at position " + position);
    this.position = position;
  }

  /** The 0-based index of the offending character in the parsed text. */
  public int position() {
    return position;
  }
}
