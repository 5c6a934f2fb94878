package dev.tether.control.store;

import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.AgentType;
import dev.tether.control.session.ApprovalMode;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link DurabilityIT} kills: appends events to one session from many threads as fast as it
 * can and prints {@code ack SEQ TEXT} for each append the store acknowledged, until it is killed.
 */
public final class AppendingChild {
  private AppendingChild() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    String sessionId = args[1];
    String tag = args[2];
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
    SqliteSessionStore store = SqliteSessionStore.open(db, Clock.systemUTC());
    store.write(tx -> {
      if (tx.session(sessionId).isEmpty()) {
        tx.insert(new Session(sessionId, "durability", AgentType.CUSTOM, null, SessionState.RUNNING, ApprovalMode.ASK,
            false, null, tx.now(), tx.now(), tx.now(), null, 0, null, 0, false, null));
      }
      return null;
    }).join();
    out.println("ready");
    out.flush();
    AtomicLong counter = new AtomicLong();
    for (int t = 0; t < 16; t++) {
      Thread.ofVirtual().start(() -> {
        while (true) {
          String text = tag + "-" + counter.incrementAndGet();
          Event e = store.write(tx -> tx.append(sessionId, new SessionEvent.Output(text, null, null, null))).join();
          synchronized (out) {
            out.println("ack " + e.seq() + " " + text);
            out.flush();
          }
        }
      });
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
