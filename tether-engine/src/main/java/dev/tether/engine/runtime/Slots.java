package dev.tether.engine.runtime;

import dev.tether.engine.model.KvCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prefix cache in memory: several KV slots, each remembering the tokens its cache holds; see
 * {@link #acquire} for which slot a request gets. Not thread-safe; the engine calls it under its
 * lock.
 */
final class Slots {

  /** One KV slot: {@code tokens[0 … cache.length())} are the tokens whose keys/values it holds. */
  static final class Slot {
    final KvCache cache;
    int[] tokens = new int[0];
    long lastUsed;

    Slot(KvCache cache) {
      this.cache = cache;
    }

    /** Tokens the cache holds. */
    int length() {
      return cache.length();
    }

    /** Records that {@code token} now sits at position {@code pos}. */
    void put(int pos, int token) {
      if (pos >= tokens.length) {
        tokens = Arrays.copyOf(tokens, Math.max(pos + 1, tokens.length * 2));
      }
      tokens[pos] = token;
    }

    /** How many leading tokens of {@code prompt} the cache holds. */
    int commonPrefix(int[] prompt) {
      int n = Math.min(length(), prompt.length);
      int i = 0;
      while (i < n && tokens[i] == prompt[i]) {
        i++;
      }
      return i;
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private long clock;

  Slots(int count, java.util.function.Supplier<KvCache> newCache) {
    for (int i = 0; i < count; i++) {
      slots.add(new Slot(newCache.get()));
    }
  }

  /** A match: the slot to use and how many prompt tokens it already holds. */
  record Match(Slot slot, int prefix) {}

  /**
   * Picks the slot for {@code prompt}, marks it used, and returns it with the number of prompt
   * tokens it holds.
   *
   * <p>The slot sharing the longest prefix is used in place when that prefix is at least half of
   * what it holds (a conversation growing turn by turn). Otherwise the prompt goes to an empty slot,
   * else the least recently used one, so that a short request sharing only a few tokens with a long
   * conversation (a title or quota request that starts with the same system text) does not destroy
   * that conversation's cache; the shared prefix is copied over from the best slot when that beats
   * what the target holds.
   */
  Match acquire(int[] prompt) {
    Slot best = null;
    int bestPrefix = 0;
    for (Slot s : slots) {
      int p = s.commonPrefix(prompt);
      if (p > bestPrefix || (p == bestPrefix && p > 0 && s.lastUsed > best.lastUsed)) {
        best = s;
        bestPrefix = p;
      }
    }
    if (best != null && 2L * bestPrefix >= best.length()) {
      best.lastUsed = ++clock;
      return new Match(best, bestPrefix);
    }
    Slot target = null;
    for (Slot s : slots) {
      if (s != best && (target == null || s.length() == 0 && target.length() > 0
          || (s.length() == 0) == (target.length() == 0) && s.lastUsed < target.lastUsed)) {
        target = s;
      }
    }
    if (target == null) { // a single slot
      target = best != null ? best : slots.get(0);
    }
    int prefix = target.commonPrefix(prompt);
    if (best != null && best != target && bestPrefix > prefix) {
      target.cache.copyPrefix(best.cache, bestPrefix);
      target.tokens = java.util.Arrays.copyOf(best.tokens, Math.max(bestPrefix, target.tokens.length));
      prefix = bestPrefix;
    }
    target.lastUsed = ++clock;
    return new Match(target, prefix);
  }

  /** The slots (tests). */
  List<Slot> all() {
    return slots;
  }
}
