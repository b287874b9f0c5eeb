/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A check that returns as its deadline passes, after the deadline settled its run and before it
 * told the time-out: listeners hear that the check timed out, then that it returned late, never
 * the other way round (an alert raised on the one and cleared on the other would stay raised).
 * On a fake clock, its deadline on a thread of its own, as in production.
 */
class LateReturnOrderTest {

  private static final Duration DEADLINE = Duration.ofMillis(400);
  private final FakeTime time = new FakeTime();
  private final Queue<String> told = new ConcurrentLinkedQueue<>();
  private final TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
  private final AtomicReference<Thread> checkThread = new AtomicReference<>();
  private final AtomicBoolean returned = new AtomicBoolean();
  private final ProbeEngine engine = new ProbeEngine(List.of(Check.builder("db", ctx -> {
    checkThread.set(Thread.currentThread());
    CheckResult result = db.check(ctx);
    returned.set(true);
    return result;
  }).build()), new ProbeEngine.Settings(DEADLINE, 1, 1, 1, Standing.Thresholds.NONE), time,
      new ProbeEvents() {
        @Override
        public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
          told.add("timedOut");
        }

        @Override
        public void checkReturnedLate(CheckReport late) {
          told.add("returnedLate");
        }
      }, new Redactor(List.of()));

  @AfterEach
  void stop() throws InterruptedException {
    db.release.countDown();
    engine.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void returnedLateIsToldAfterTheTimeOutThoughTheCheckReturnedBeforeThatWasTold() throws Exception {
    engine.run("readyz", engine.select(null, Set.of())).whenComplete((settled, failure) -> {
      // On the deadline's thread, the run settled TIMEOUT, the time-out not told yet: the check
      // returns now, and its thread goes back to its lane.
      db.release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> returned.get()
          && Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING)
              .contains(checkThread.get().getState()));
    });
    assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
    deadlineOnItsOwnThread();

    await().atMost(Duration.ofSeconds(5)).until(() -> told.size() == 2);
    assertThat(told).containsExactly("timedOut", "returnedLate");
    // Its slot is free: the next probe runs the check again, and returns in time.
    assertThat(engine.run("readyz", engine.select(null, Set.of())).get(5, TimeUnit.SECONDS)
        .report().checks().get(0).outcome()).isEqualTo(Outcome.UP);
    assertThat(db.executions).hasValue(2);
    assertThat(told).hasSize(2);
  }

  /**
   * Advances the clock past the deadline on a thread of its own, as the deadline timer is: the
   * fake clock runs the timer's tasks on the thread that advances it.
   */
  private void deadlineOnItsOwnThread() throws InterruptedException {
    Thread timer = new Thread(() -> time.advance(DEADLINE.toNanos()), "fake-timer");
    timer.start();
    timer.join();
  }
}
