package dev.tether.engine.gguf;

import java.io.Serial;

/**
 * A file that is not valid GGUF, or not GGUF this engine can use. The message names the file, what is
 * wrong and the byte offset where the problem was found.
 */
public final class GgufFormatException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;

  /**
   * @param file the file's name or path, as the user gave it
   * @param offset the byte offset of the offending field
   * @param problem what is wrong, without the file or offset
   */
  public GgufFormatException(String file, long offset, String problem) {
    super(file + ": " + problem + " (at byte offset " + offset + ")");
    this.file = file;
    this.offset = offset;
  }

  /** The file's name or path. */
  public String file() {
    return file;
  }

  /** The byte offset of the offending field. */
  public long offset() {
    return offset;
  }
}
