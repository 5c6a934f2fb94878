package dev.tether.control.event;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans committed events out to subscribers, per session and for all sessions. The store calls
 * {@link #publish} in commit order from its writer, so each subscriber sees a session's events in seq
 * order; publishing never blocks (see {@link Subscription}).
 */
public final class EventBus {
  /** Default queue length of a subscription. */
  public static final int DEFAULT_CAPACITY = 4096;

  private final ConcurrentHashMap<String, Set<Subscription>> bySession = new ConcurrentHashMap<>();
  private final Set<Subscription> everything = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Subscribes to one session's events. */
  public Subscription subscribe(String sessionId) {
    return subscribe(sessionId, DEFAULT_CAPACITY);
  }

  /** Subscribes to one session's events with a queue of {@code capacity}. */
  public Subscription subscribe(String sessionId, int capacity) {
    Subscription s = new Subscription(capacity, sub -> bySession.computeIfPresent(sessionId, (k, set) -> {
      set.remove(sub);
      return set.isEmpty() ? null : set;
    }));
    bySession.compute(sessionId, (k, set) -> {
      Set<Subscription> subs = set != null ? set : ConcurrentHashMap.newKeySet();
      subs.add(s);
      return subs;
    });
    if (closed) {
      s.close();
    }
    return s;
  }

  /** Subscribes to every session's events. */
  public Subscription subscribeAll(int capacity) {
    Subscription s = new Subscription(capacity, everything::remove);
    everything.add(s);
    if (closed) {
      s.close();
    }
    return s;
  }

  /** Delivers committed events (in commit order) to their subscribers. */
  public void publish(List<Event> events) {
    for (Event event : events) {
      Published published = new Published(event);
      Set<Subscription> subs = bySession.get(event.sessionId());
      if (subs != null) {
        for (Subscription s : subs) {
          s.offer(published);
        }
      }
      for (Subscription s : everything) {
        s.offer(published);
      }
    }
  }

  /** How many subscriptions are open (for tests and health). */
  public int subscribers() {
    return everything.size() + bySession.values().stream().mapToInt(Set::size).sum();
  }

  /** Closes every subscription, waking their readers; later subscriptions start closed. */
  public void close() {
    closed = true;
    everything.forEach(Subscription::close);
    bySession.values().forEach(set -> List.copyOf(set).forEach(Subscription::close));
  }
}
