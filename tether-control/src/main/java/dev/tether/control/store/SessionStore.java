package dev.tether.control.store;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where sessions, their event logs, approvals and rules live.
 *
 * <p>The contract (checked by {@code SessionStoreContract} for every implementation):
 * <ul>
 *   <li>{@link #write} runs its work serially with every other write, in submission order per caller,
 *       as one transaction: a work that throws leaves no trace, and the future fails with its exception.
 *   <li>A write's future completes only after its effects are durable (they survive a crash of the
 *       process), and only then are its events handed to the commit listener, in commit order.
 *   <li>{@link StoreTx#append} gives each session's events seq 1, 2, 3… without gaps, and a position
 *       that grows across all sessions in commit order.
 *   <li>Reads see only committed data.
 * </ul>
 */
public interface SessionStore extends AutoCloseable {
  /** Runs {@code work} as a transaction; the future completes once it is durable. */
  <R> CompletableFuture<R> write(Function<StoreTx, R> work);

  /**
   * Sets who hears about committed events (the event bus). Called once, before the first write;
   * the listener runs on the store's writer and must not block.
   */
  void onCommit(Consumer<List<Event>> listener);

  /** A session by its exact id. */
  Optional<Session> session(String id);

  /** Sessions matching {@code query}, newest first; one more than the limit tells whether more follow. */
  List<Session> sessions(SessionQuery query);

  /**
   * A session's events with seq greater than {@code afterSeq}, oldest first, at most {@code limit};
   * only the given types when {@code types} is not null.
   */
  List<Event> events(String sessionId, long afterSeq, int limit, Set<String> types);

  /** Events of every session after {@code afterPosition}, in commit order, at most {@code limit}. */
  List<Event> eventsAfterPosition(long afterPosition, int limit);

  /** The newest position (0 when the log is empty). */
  long lastPosition();

  /** An approval by id. */
  Optional<Approval> approval(String id);

  /** Approvals, newest first, optionally only of one session and/or in one status. */
  List<Approval> approvals(String sessionId, ApprovalStatus status, int limit);

  /** Every stored rule, expired or not, oldest first. */
  List<Rule> rules();

  @Override
  void close();
}
