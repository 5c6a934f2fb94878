package dev.tether.engine.gguf;

import java.util.Map;

/**
 * Names for {@code general.file_type}, the "mostly this quantisation" label llama.cpp's {@code
 * llama_ftype} gives a whole file (Q4_K_M files mix Q4_K, Q5_K and Q6_K tensors, so the label is not
 * derivable from one tensor). Numbers 5, 6 and 33 to 35 were removed from llama.cpp; values with bit
 * 10 set ({@code LLAMA_FTYPE_GUESSED}) are only ever computed, never stored, but are named anyway.
 */
public final class GgufFileType {
  private static final int GUESSED = 1024;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0, "F32"),
          Map.entry(1, "F16"),
          Map.entry(2, "Q4_0"),
          Map.entry(3, "Q4_1"),
          Map.entry(4, "Q4_1_SOME_F16"),
          Map.entry(7, "Q8_0"),
          Map.entry(8, "Q5_0"),
          Map.entry(9, "Q5_1"),
          Map.entry(10, "Q2_K"),
          Map.entry(11, "Q3_K_S"),
          Map.entry(12, "Q3_K_M"),
          Map.entry(13, "Q3_K_L"),
          Map.entry(14, "Q4_K_S"),
          Map.entry(15, "Q4_K_M"),
          Map.entry(16, "Q5_K_S"),
          Map.entry(17, "Q5_K_M"),
          Map.entry(18, "Q6_K"),
          Map.entry(19, "IQ2_XXS"),
          Map.entry(20, "IQ2_XS"),
          Map.entry(21, "Q2_K_S"),
          Map.entry(22, "IQ3_XS"),
          Map.entry(23, "IQ3_XXS"),
          Map.entry(24, "IQ1_S"),
          Map.entry(25, "IQ4_NL"),
          Map.entry(26, "IQ3_S"),
          Map.entry(27, "IQ3_M"),
          Map.entry(28, "IQ2_S"),
          Map.entry(29, "IQ2_M"),
          Map.entry(30, "IQ4_XS"),
          Map.entry(31, "IQ1_M"),
          Map.entry(32, "BF16"),
          Map.entry(36, "TQ1_0"),
          Map.entry(37, "TQ2_0"),
          Map.entry(38, "MXFP4_MOE"));

  private GgufFileType() {}

  /**
   * The conventional name of a {@code general.file_type} value ({@code 15} → {@code "Q4_K_M"}), with
   * {@code " (guessed)"} appended for the guessed flag, or {@code "unknown(N)"}.
   */
  public static String name(long fileType) {
    if (fileType >= GUESSED && fileType < 2 * GUESSED) {
      return name(fileType - GUESSED) + " (guessed)";
    }
    String name = fileType >= 0 && fileType < GUESSED ? NAMES.get((int) fileType) : null;
    return name != null ? name : "unknown(" + fileType + ")";
  }

  /** The {@code general.file_type} number for a name such as {@code "Q8_0"}, or -1. */
  public static int byName(String name) {
    return NAMES.entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .mapToInt(Map.Entry::getKey)
        .findFirst()
        .orElse(-1);
  }
}
