package dev.tether.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.approval.Rule;
import dev.tether.control.approval.RuleScope;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.AgentType;
import dev.tether.control.session.ApprovalMode;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link SessionStore} must do. Run it for an implementation by extending it and saying how
 * to open one in a directory.
 */
public abstract class SessionStoreContract {
  @TempDir protected Path dir;
  protected SessionStore store;
  protected final List<Event> heard = Collections.synchronizedList(new ArrayList<>());

  /** A fresh (or, for the same directory, reopened) store. */
  protected abstract SessionStore open(Path dir);

  @BeforeEach
  void openStore() {
    store = open(dir);
    store.onCommit(heard::addAll);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static Session newSession(String id, String directory, SessionState state, Instant at) {
    return new Session(id, "test " + id, AgentType.CUSTOM, directory, state, ApprovalMode.ASK, false, null, at, at,
        null, state == SessionState.ENDED ? at : null, 0, null, 0, false, null);
  }

  protected Session create(String id) {
    return create(id, "/work/" + id, SessionState.CREATED);
  }

  protected Session create(String id, String directory, SessionState state) {
    return store.write(tx -> {
      tx.insert(newSession(id, directory, state, tx.now()));
      return tx.session(id).orElseThrow();
    }).join();
  }

  protected Event output(String sessionId, String text) {
    return store.write(tx -> tx.append(sessionId, new SessionEvent.Output(text, null, null, null))).join();
  }

  @Test
  void aNewSessionReadsBackAsWritten() {
    Session s = create("ses_a");
    assertThat(store.session("ses_a")).contains(s);
    assertThat(s.lastSeq()).isZero();
    assertThat(s.state()).isEqualTo(SessionState.CREATED);
  }

  @Test
  void eachSessionsSeqRunsFromOneWithoutGapsUnderConcurrentWriters() {
    create("ses_a");
    create("ses_b");
    List<CompletableFuture<Event>> futures = new ArrayList<>();
    IntStream.range(0, 8).parallel().forEach(t -> {
      for (int i = 0; i < 100; i++) {
        String id = (t + i) % 2 == 0 ? "ses_a" : "ses_b";
        CompletableFuture<Event> f = store.write(tx -> tx.append(id, new SessionEvent.Output("x", null, null, null)));
        synchronized (futures) {
          futures.add(f);
        }
      }
    });
    futures.forEach(CompletableFuture::join);
    for (String id : List.of("ses_a", "ses_b")) {
      List<Event> events = store.events(id, 0, 1000, null);
      assertThat(events).extracting(Event::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
      assertThat(store.session(id).orElseThrow().lastSeq()).isEqualTo(400);
    }
  }

  @Test
  void aWriteThatThrowsLeavesNoTraceAndTheOthersCommit() {
    create("ses_a");
    CompletableFuture<Event> before = store.write(tx -> tx.append("ses_a", new SessionEvent.Output("1", null, null, null)));
    CompletableFuture<Object> failing = store.write(tx -> {
      tx.append("ses_a", new SessionEvent.Output("lost", null, null, null));
      throw new IllegalStateException("changed my mind");
    });
    CompletableFuture<Event> after = store.write(tx -> tx.append("ses_a", new SessionEvent.Output("2", null, null, null)));
    assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(before.join().seq()).isEqualTo(1);
    assertThat(after.join().seq()).isEqualTo(2);
    assertThat(store.events("ses_a", 0, 10, null)).extracting(e -> ((SessionEvent.Output) e.body()).text())
        .containsExactly("1", "2");
    assertThat(heard).extracting(Event::seq).containsExactly(1L, 2L);
  }

  @Test
  void theCommitListenerHearsEventsInCommitOrderBeforeTheWriteCompletes() {
    create("ses_a");
    create("ses_b");
    Event a1 = output("ses_a", "a1");
    assertThat(heard).contains(a1);
    output("ses_b", "b1");
    output("ses_a", "a2");
    assertThat(heard).extracting(Event::position).isSorted().doesNotHaveDuplicates();
    assertThat(heard).extracting(e -> e.sessionId() + "#" + e.seq()).containsExactly("ses_a#1", "ses_b#1", "ses_a#2");
    assertThat(store.eventsAfterPosition(0, 10)).containsExactlyElementsOf(heard);
    assertThat(store.eventsAfterPosition(a1.position(), 10)).hasSize(2);
    assertThat(store.lastPosition()).isEqualTo(heard.getLast().position());
  }

  @Test
  void eventsKeepTheirTypeAndDataAndFilterByTypeAndSeq() {
    create("ses_a");
    output("ses_a", "hello");
    store.write(tx -> tx.append("ses_a", new SessionEvent.UserInput("do it", "cli"))).join();
    store.write(tx -> tx.append("ses_a", new SessionEvent.Unknown("future_type",
        JsonNodeFactory.instance.objectNode().put("x", 1)))).join();
    List<Event> all = store.events("ses_a", 0, 10, null);
    assertThat(all).extracting(Event::type).containsExactly("output", "user_input", "future_type");
    assertThat(all.get(1).body()).isEqualTo(new SessionEvent.UserInput("do it", "cli"));
    assertThat(all.get(2).data().get("x").asInt()).isEqualTo(1);
    assertThat(store.events("ses_a", 0, 10, Set.of("user_input"))).extracting(Event::seq).containsExactly(2L);
    assertThat(store.events("ses_a", 1, 1, null)).extracting(Event::seq).containsExactly(2L);
    assertThat(store.events("ses_a", 0, 10, Set.of())).isEmpty();
  }

  @Test
  void sessionsFilterByStateDirectoryAndIdPrefixNewestFirst() throws Exception {
    create("ses_one", "/work/app", SessionState.CREATED);
    Thread.sleep(2);
    create("ses_two", "/work/app/sub", SessionState.RUNNING);
    Thread.sleep(2);
    create("ses_three", "/work/apple", SessionState.RUNNING);
    assertThat(store.sessions(SessionQuery.all())).extracting(Session::id).containsExactly("ses_three", "ses_two", "ses_one");
    assertThat(store.sessions(new SessionQuery(SessionState.RUNNING, null, null, 10, 0))).extracting(Session::id)
        .containsExactly("ses_three", "ses_two");
    assertThat(store.sessions(new SessionQuery(null, "/work/app", null, 10, 0))).extracting(Session::id)
        .containsExactly("ses_two", "ses_one");
    assertThat(store.sessions(new SessionQuery(null, null, "ses_t", 10, 0))).extracting(Session::id)
        .containsExactly("ses_three", "ses_two");
    assertThat(store.sessions(new SessionQuery(null, null, null, 1, 1))).extracting(Session::id)
        .containsExactly("ses_two", "ses_one"); // one more than the limit: there is a next page
  }

  @Test
  void updatesKeepTheSeqThatAppendsMaintain() {
    Session s = create("ses_a");
    output("ses_a", "x");
    store.write(tx -> {
      tx.update(s.withState(SessionState.RUNNING, tx.now()));
      return null;
    }).join();
    Session read = store.session("ses_a").orElseThrow();
    assertThat(read.state()).isEqualTo(SessionState.RUNNING);
    assertThat(read.startedAt()).isNotNull();
    assertThat(read.lastSeq()).isEqualTo(1);
  }

  protected Approval pending(String id, String sessionId, String requestId, Instant at) {
    return new Approval(id, sessionId, requestId, 1, "Bash", JsonNodeFactory.instance.objectNode().put("command", "ls"),
        null, null, null, ApprovalStatus.PENDING, null, null, null, null, null, null, at, at.plusSeconds(300), null);
  }

  @Test
  void approvalsRoundTripAndListByStatus() {
    create("ses_a");
    Approval a = store.write(tx -> {
      Approval p = pending("apr_1", "ses_a", "req-7", tx.now());
      tx.insert(p);
      tx.insert(pending("apr_2", "ses_a", null, tx.now()));
      return p;
    }).join();
    assertThat(store.approval("apr_1")).contains(a);
    assertThat(store.write(tx -> tx.approvalByRequestId("ses_a", "req-7")).join()).contains(a);
    assertThat(store.write(tx -> tx.pendingApprovals("ses_a")).join()).hasSize(2);
    Approval done = store.write(tx -> {
      Approval d = a.resolved(Decision.ALLOW, ResolvedBy.HUMAN, "cli", "ok", null, null, tx.now());
      tx.update(d);
      return d;
    }).join();
    assertThat(store.approval("apr_1")).contains(done);
    assertThat(store.approvals(null, ApprovalStatus.PENDING, 10)).extracting(Approval::id).containsExactly("apr_2");
    assertThat(store.approvals("ses_a", null, 10)).hasSize(2);
    assertThat(store.write(tx -> tx.pendingApprovals(null)).join()).extracting(Approval::id).containsExactly("apr_2");
  }

  @Test
  void rulesRoundTripAndDelete() {
    Rule rule = store.write(tx -> {
      Rule r = new Rule("rul_1", "Bash(npm test:*)", Decision.ALLOW, RuleScope.DIRECTORY, null, "/work", tx.now(),
          tx.now().plusSeconds(60), "cli");
      tx.insert(r);
      return r;
    }).join();
    assertThat(store.rules()).containsExactly(rule);
    assertThat(store.write(tx -> tx.deleteRule("rul_1")).join()).isTrue();
    assertThat(store.write(tx -> tx.deleteRule("rul_1")).join()).isFalse();
    assertThat(store.rules()).isEmpty();
  }

  @Test
  void deletingASessionTakesItsEventsAndApprovals() {
    create("ses_a");
    create("ses_b");
    output("ses_a", "x");
    output("ses_b", "y");
    store.write(tx -> {
      tx.insert(pending("apr_1", "ses_a", null, tx.now()));
      return null;
    }).join();
    store.write(tx -> {
      tx.delete("ses_a");
      return null;
    }).join();
    assertThat(store.session("ses_a")).isEmpty();
    assertThat(store.events("ses_a", 0, 10, null)).isEmpty();
    assertThat(store.approval("apr_1")).isEmpty();
    assertThat(store.events("ses_b", 0, 10, null)).hasSize(1);
  }

  @Test
  void endedSessionsAreFoundByAge() {
    create("ses_old", "/w", SessionState.ENDED);
    create("ses_live", "/w", SessionState.RUNNING);
    List<String> ended = store.write(tx -> tx.endedBefore(tx.now().plusSeconds(1))).join();
    assertThat(ended).containsExactly("ses_old");
    assertThat(store.write(tx -> tx.endedBefore(tx.now().minusSeconds(60))).join()).isEmpty();
  }

  @Test
  void appendingToAMissingSessionFails() {
    assertThatThrownBy(() -> output("ses_none", "x")).hasCauseInstanceOf(StoreException.class);
  }
}
