package dev.tether.engine.model;

import java.util.Arrays;

/**
 * The keys and values of one sequence, per layer, as F16 ({@code short} bits).
 *
 * <p>Why F16: it halves the memory of the cache (the dominant cost of long contexts with several
 * slots) and is what llama.cpp keeps by default, so results match its numerics; conversion is one
 * instruction ({@link Float#float16ToFloat} is an intrinsic). Storage grows on demand up to {@link
 * #capacity()} so that idle slots of a long context do not hold memory they never use.
 *
 * <p>Layout per layer: {@code k[pos * kvDim + head * headDim + i]}, the same for values.
 */
public final class KvCache {
  private final int layers;
  private final int kvDim;
  private final int capacity;
  private final short[][] keys;
  private final short[][] values;
  private int allocated;
  private int length;

  /** An empty cache for up to {@code capacity} positions. */
  public KvCache(int layers, int kvDim, int capacity) {
    this.layers = layers;
    this.kvDim = kvDim;
    this.capacity = capacity;
    this.keys = new short[layers][0];
    this.values = new short[layers][0];
  }

  /** Bytes a full cache of these dimensions takes. */
  public static long bytes(int layers, int kvDim, int capacity) {
    return 2L * 2 * layers * kvDim * capacity;
  }

  /** Positions it can hold. */
  public int capacity() {
    return capacity;
  }

  /** Positions filled (the next position to write). */
  public int length() {
    return length;
  }

  /** Forgets positions from {@code newLength} on (a reused prefix keeps the rest). */
  public void truncate(int newLength) {
    if (newLength < 0 || newLength > length) {
      throw new IllegalArgumentException("cannot truncate " + length + " positions to " + newLength);
    }
    length = newLength;
  }

  /** Makes room for positions up to {@code end} (exclusive). */
  void ensure(int end) {
    if (end > capacity) {
      throw new IllegalStateException("KV cache holds " + capacity + " positions, not " + end);
    }
    if (end <= allocated) {
      return;
    }
    int n = Math.min(capacity, Math.max(end, Math.max(256, allocated * 2)));
    for (int l = 0; l < layers; l++) {
      keys[l] = Arrays.copyOf(keys[l], n * kvDim);
      values[l] = Arrays.copyOf(values[l], n * kvDim);
    }
    allocated = n;
  }

  /** Marks positions below {@code end} as filled (after a forward pass wrote them). */
  void setLength(int end) {
    length = end;
  }

  short[] keys(int layer) {
    return keys[layer];
  }

  short[] values(int layer) {
    return values[layer];
  }

  int kvDim() {
    return kvDim;
  }

  int layers() {
    return layers;
  }

  /** Makes this cache hold the first {@code n} positions of {@code source} (same model). */
  public void copyPrefix(KvCache source, int n) {
    if (source.layers != layers || source.kvDim != kvDim || n > source.length || n > capacity) {
      throw new IllegalArgumentException("cannot copy " + n + " positions between these caches");
    }
    length = 0;
    ensure(n);
    for (int l = 0; l < layers; l++) {
      System.arraycopy(source.keys[l], 0, keys[l], 0, n * kvDim);
      System.arraycopy(source.values[l], 0, values[l], 0, n * kvDim);
    }
    length = n;
  }

  /** Copies the first {@code n} positions of a layer's keys ({@code k}) or values out, for saving. */
  public short[] export(int layer, boolean k, int n) {
    return Arrays.copyOf(k ? keys[layer] : values[layer], n * kvDim);
  }

  /** Replaces the cache with {@code n} saved positions (see {@link #export}). */
  public void restore(int n, short[][] savedKeys, short[][] savedValues) {
    if (savedKeys.length != layers || savedValues.length != layers) {
      throw new IllegalArgumentException("saved cache has the wrong number of layers");
    }
    length = 0;
    ensure(n);
    for (int l = 0; l < layers; l++) {
      if (savedKeys[l].length != n * kvDim || savedValues[l].length != n * kvDim) {
        throw new IllegalArgumentException("saved cache layer " + l + " has the wrong size");
      }
      System.arraycopy(savedKeys[l], 0, keys[l], 0, n * kvDim);
      System.arraycopy(savedValues[l], 0, values[l], 0, n * kvDim);
    }
    length = n;
  }
}
