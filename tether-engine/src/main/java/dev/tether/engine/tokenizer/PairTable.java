package dev.tether.engine.tokenizer;

import java.util.Arrays;

/**
 * BPE merges indexed by the ids of the two tokens merged: {@code (left, right) → (rank, result)}.
 * Open addressing over one {@code long} key per pair, so a lookup in the merge loop costs a multiply
 * and usually one probe, with no boxing.
 */
final class PairTable {
  private static final long EMPTY = -1L;

  private final long[] keys;
  private final int[] ranks;
  private final int[] results;
  private final int mask;
  private int size;

  PairTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    ranks = new int[capacity];
    results = new int[capacity];
    mask = capacity - 1;
  }

  static long key(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFF_FFFFL);
  }

  /** Adds a merge unless the pair already has one (the first, highest-priority rank wins). */
  void put(int left, int right, int rank, int result) {
    long key = key(left, right);
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    ranks[i] = rank;
    results[i] = result;
    size++;
    assert size * 2 <= keys.length;
  }

  /** The index of the pair's entry, or -1 when the pair does not merge. */
  int find(int left, int right) {
    long key = key(left, right);
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  int rank(int entry) {
    return ranks[entry];
  }

  int result(int entry) {
    return results[entry];
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E37_79B9_7F4A_7C15L;
    return (int) (h >>> 32) & mask;
  }
}
