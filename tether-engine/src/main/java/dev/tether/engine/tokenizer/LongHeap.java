package dev.tether.engine.tokenizer;

import java.util.Arrays;

/** A binary min-heap of {@code long}s, for merge candidates packed as (priority, position). */
final class LongHeap {
  private long[] a;
  private int n;

  LongHeap(int capacity) {
    a = new long[Math.max(4, capacity)];
  }

  boolean isEmpty() {
    return n == 0;
  }

  void push(long v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    int i = n++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (a[parent] <= v) {
        break;
      }
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
  }

  long pop() {
    long top = a[0];
    long last = a[--n];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && a[child + 1] < a[child]) {
        child++;
      }
      if (a[child] >= last) {
        break;
      }
      a[i] = a[child];
      i = child;
    }
    if (n > 0) {
      a[i] = last;
    }
    return top;
  }
}
