package dev.tether.cli.models;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A model as {@code tether models} and the picker show it. Unknown fields are empty strings or 0.
 *
 * @param name what {@code --model} takes
 * @param path the GGUF file (the first shard of a split model), or null for a backend's model
 * @param source where it was found
 * @param architecture {@code general.architecture}
 * @param parameters the number of weights, from the tensor shapes
 * @param quantisation the file type, e.g. {@code Q4_K_M}
 * @param sizeBytes the bytes on disk (all shards)
 * @param contextLength the context the model was trained for
 * @param problem why the file cannot be used (a corrupt header), or null
 */
public record ModelEntry(
    String name,
    Path path,
    ModelSource source,
    String architecture,
    long parameters,
    String quantisation,
    long sizeBytes,
    int contextLength,
    String problem) {

  /** Parameters for people: {@code 7.6B}, {@code 494M}. */
  public String parametersLabel() {
    if (parameters <= 0) {
      return "";
    }
    if (parameters >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1fB", parameters / 1e9);
    }
    if (parameters >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.0fM", parameters / 1e6);
    }
    return String.format(Locale.ROOT, "%.0fK", parameters / 1e3);
  }
}
