package dev.tether.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 loses no acknowledged event: a child JVM appends as fast as it can and reports each
 * acknowledgement; it is killed with SIGKILL mid-stream, several times over; after each restart every
 * acknowledged event is in the log, with gap-free seq.
 */
class DurabilityIT {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventSurvivesSigkillWithGapFreeSeq() throws Exception {
    Path db = dir.resolve("tether.db");
    Map<Long, String> acknowledged = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      int acks = runAndKill(db, "r" + round, 1500, acknowledged);
      assertThat(acks).as("acknowledgements in round " + round).isGreaterThanOrEqualTo(1500);
      try (SqliteSessionStore store = SqliteSessionStore.open(db, Clock.systemUTC())) {
        List<Event> events = store.events("ses_durable", 0, Integer.MAX_VALUE, null);
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).seq()).as("gap-free seq").isEqualTo(i + 1);
        }
        Map<Long, String> stored = new HashMap<>();
        events.forEach(e -> stored.put(e.seq(), ((SessionEvent.Output) e.body()).text()));
        assertThat(stored).containsAllEntriesOf(acknowledged);
        assertThat(store.session("ses_durable").orElseThrow().lastSeq()).isEqualTo(events.size());
      }
    }
  }

  /** Starts the child, waits for {@code atLeast} acks, kills it with SIGKILL, returns how many acks came. */
  private int runAndKill(Path db, String tag, int atLeast, Map<Long, String> acknowledged) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        AppendingChild.class.getName(), db.toString(), "ses_durable", tag)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int acks = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean killed = false;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ack ")) {
          String[] parts = line.split(" ", 3);
          acknowledged.put(Long.parseLong(parts[1]), parts[2]);
          acks++;
          if (acks >= atLeast && !killed) {
            sigkill(child);
            killed = true; // keep reading: acks already in the pipe were acknowledged before the kill
          }
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    return acks;
  }

  private static void sigkill(Process child) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      child.destroyForcibly(); // SIGKILL on Unix as well
    }
  }
}
