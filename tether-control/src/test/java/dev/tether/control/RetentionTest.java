package dev.tether.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.session.NewSession;
import dev.tether.control.session.SessionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ended sessions past retention are deleted; live ones never are, however old. */
class RetentionTest {
  @TempDir Path dir;

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }
  }

  @Test
  void endedSessionsOlderThanTheRetentionAreDeletedAndLiveOnesKept() {
    MovableClock clock = new MovableClock();
    try (ControlService service = ControlService.open(dir, ControlService.Config.defaults().withRetentionDays(30)
        .withClock(clock))) {
      String ended = service.createSession(new NewSession("done", null, null, null)).id();
      service.append(ended, "status", ControlJson.parse("{\"status\":\"ended\"}"));
      String running = service.createSession(new NewSession("busy", null, null, null)).id();
      service.start(running, "go", "test");
      String idle = service.createSession(new NewSession("idle", null, null, null)).id();
      assertThat(service.session(ended).state()).isEqualTo(SessionState.ENDED);

      clock.advance(Duration.ofDays(29));
      assertThat(service.maintain()).isZero();
      clock.advance(Duration.ofDays(2));
      String endedLater = service.createSession(new NewSession("recent", null, null, null)).id();
      service.append(endedLater, "status", ControlJson.parse("{\"status\":\"ended\"}"));
      assertThat(service.maintain()).isEqualTo(1);

      assertThat(service.store().session(ended)).isEmpty();
      assertThat(service.store().session(running)).isPresent();
      assertThat(service.store().session(idle)).isPresent();
      assertThat(service.store().session(endedLater)).isPresent();
    }
  }

  @Test
  void zeroDaysKeepsEverything() {
    MovableClock clock = new MovableClock();
    try (ControlService service = ControlService.open(dir, ControlService.Config.defaults().withRetentionDays(0)
        .withClock(clock))) {
      String ended = service.createSession(new NewSession("done", null, null, null)).id();
      service.append(ended, "status", ControlJson.parse("{\"status\":\"ended\"}"));
      clock.advance(Duration.ofDays(3650));
      assertThat(service.maintain()).isZero();
      assertThat(service.store().session(ended)).isPresent();
    }
  }
}
