package dev.tether.engine.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to load a model.
 *
 * @param threads worker threads for the kernels (≥ 1)
 * @param contextLength tokens per KV slot: the model's own context capped by {@code --max-context}
 *     (0 = the model's own)
 * @param slots KV slots kept as a prefix cache (≥ 1)
 * @param memoryCapBytes refuse to load when weights + KV for all slots exceed this (0 = no cap)
 * @param cacheDir where saved prefixes live ({@code ~/.tether/cache}); empty = no disk cache
 * @param diskCacheBytes size cap of the disk cache, oldest evicted first
 * @param kernelMode vector or scalar kernels
 */
public record EngineOptions(
    int threads,
    int contextLength,
    int slots,
    long memoryCapBytes,
    Optional<Path> cacheDir,
    long diskCacheBytes,
    dev.tether.engine.tensor.Kernels.Mode kernelMode) {

  /** Defaults: all cores, the model's context, 4 slots, no cap, no disk cache, vector kernels. */
  public static EngineOptions defaults() {
    return new EngineOptions(Runtime.getRuntime().availableProcessors(), 0, 4, 0, Optional.empty(),
        4L << 30, dev.tether.engine.tensor.Kernels.Mode.VECTOR);
  }
}
