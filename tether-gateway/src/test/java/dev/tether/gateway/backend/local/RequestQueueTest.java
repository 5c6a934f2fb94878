package dev.tether.gateway.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
  @Test
  void oneRunsAndDepthWaitThenTheNextIsRefusedWithARetryHint() {
    RequestQueue queue = new RequestQueue(1);
    RequestQueue.Place running = queue.admit();
    RequestQueue.Place waiting = queue.admit();
    assertThatThrownBy(queue::admit).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMIT);
      assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
      assertThat(e.getMessage()).contains("queue depth 1");
    });
    waiting.close();
    queue.admit().close();
    running.close();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aWaitingRequestRunsWhenTheOneBeforeItIsDone() throws Exception {
    RequestQueue queue = new RequestQueue(4);
    RequestQueue.Place first = queue.admit();
    assertThat(first.awaitTurn(() -> false)).isTrue();
    RequestQueue.Place second = queue.admit();
    CompletableFuture<Boolean> turn = CompletableFuture.supplyAsync(() -> second.awaitTurn(() -> false));
    Thread.sleep(100);
    assertThat(turn).isNotDone();
    first.close();
    assertThat(turn.get(2, TimeUnit.SECONDS)).isTrue();
    second.close();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aCancelledWaiterLeavesWithoutTheEngine() throws Exception {
    RequestQueue queue = new RequestQueue(4);
    RequestQueue.Place first = queue.admit();
    first.awaitTurn(() -> false);
    AtomicBoolean cancelled = new AtomicBoolean();
    RequestQueue.Place second = queue.admit();
    CompletableFuture<Boolean> turn = CompletableFuture.supplyAsync(() -> second.awaitTurn(cancelled::get));
    cancelled.set(true);
    assertThat(turn.get(2, TimeUnit.SECONDS)).isFalse();
    second.close();
    first.close();
    RequestQueue.Place third = queue.admit();
    assertThat(third.awaitTurn(() -> false)).as("the engine was released once, by the first").isTrue();
    third.close();
  }

  @Test
  void closingTwiceReleasesOnce() {
    RequestQueue queue = new RequestQueue(0);
    RequestQueue.Place place = queue.admit();
    place.awaitTurn(() -> false);
    place.close();
    place.close();
    assertThat(queue.size()).isZero();
    RequestQueue.Place next = queue.admit();
    assertThat(next.awaitTurn(() -> false)).isTrue();
    assertThatThrownBy(queue::admit).isInstanceOf(ApiException.class);
    next.close();
  }
}
