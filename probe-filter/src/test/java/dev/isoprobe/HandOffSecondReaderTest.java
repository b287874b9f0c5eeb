/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Second reader of the Settled hand-off: where a probe's report completes when the thread that
 * has it did not settle it. On a fake clock, its deadline on a thread of its own, as in production.
 */
class HandOffSecondReaderTest {

  private static final Duration DEADLINE = Duration.ofMillis(400);
  private final FakeTime time = new FakeTime();
  /** Until it unwinds, its execution is timed out and within the unwind grace. */
  private final TestChecks.SlowToUnwind db = new TestChecks.SlowToUnwind();
  /** Holds the answer threads that took the first answers. */
  private final CountDownLatch holdLane = new CountDownLatch(1);
  private final ProbeEngine engine = new ProbeEngine(List.of(Check.builder("db", db).build()),
      new ProbeEngine.Settings(DEADLINE, 1, 1, 1, Standing.Thresholds.NONE), time,
      ProbeEvents.NONE, new Redactor(List.of()));

  @AfterEach
  void stop() throws InterruptedException {
    holdLane.countDown();
    db.unwound.countDown();
    engine.shutdown(Duration.ofSeconds(1));
  }

  /** Two probes whose answers, handed off by the deadline, hold both answer threads. */
  private void holdBothAnswerThreads(CountDownLatch held) {
    for (int i = 0; i < 2; i++) {
      long arrival = time.nanoTime();
      engine.run("readyz", engine.select(null, java.util.Set.of()))
          .whenComplete((settled, failure) -> engine.write(arrival, settled, () -> {
            held.countDown();
            awaitQuietly(holdLane);
          }));
    }
  }

  @Test
  void aProbeJoiningAReportSettledAlreadyIsAnsweredAtOnceOnItsOwnThread() throws Exception {
    CountDownLatch held = new CountDownLatch(2);
    holdBothAnswerThreads(held);
    assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
    deadlineOnItsOwnThread(); // times it out; the check unwinds, within the grace
    assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

    AtomicReference<Thread> answeredOn = new AtomicReference<>();
    long arrival = time.nanoTime();
    CompletableFuture<Settled<ProbeReport>> late = engine.run("readyz",
        engine.select(null, java.util.Set.of()));
    boolean doneAtOnce = late.isDone();
    late.whenComplete((settled, failure) -> engine.write(arrival, settled,
        () -> answeredOn.set(Thread.currentThread())));
    holdLane.countDown();
    late.get(5, TimeUnit.SECONDS);

    assertThat(db.executions).hasValue(1); // it joined the timed-out run
    assertThat(late.join().report().checks().get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
    // Done at once, answered on the probe's thread (ProbeFilter#answerInline), as a cached or
    // stuck check is; the first draft queued it in the answer lane behind the deadline's answers.
    assertThat(doneAtOnce).as("done when run returns").isTrue();
    assertThat(answeredOn.get()).isSameAs(Thread.currentThread());
  }

  @Test
  void aBlockingProbeIsWokenByTheDeadlineNotByTheAnswerLane() throws Exception {
    // Registered first, its callback runs last (CompletableFuture runs them newest first):
    // the two holding probes take both answer threads.
    CompletableFuture<Settled<ProbeReport>> blocking = engine.run("readyz",
        engine.select(null, java.util.Set.of()));
    CountDownLatch held = new CountDownLatch(2);
    holdBothAnswerThreads(held);
    assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
    time.advance(DEADLINE.toNanos());
    assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

    // The report is complete when the deadline returns (only the writes are handed off);
    // Exchange#answerBlocking, waiting on it, writes at once. In the first draft the report
    // itself waited in the answer lane, behind answers being written.
    assertThat(blocking).as("complete once the deadline settled it").isDone();
  }

  /**
   * Advances the clock past the deadline on a thread of its own, as the deadline timer is: the
   * fake clock runs the timer's tasks on the thread that advances it, and a probe's own thread
   * never settles a report by its deadline.
   */
  private void deadlineOnItsOwnThread() throws InterruptedException {
    Thread timer = new Thread(() -> time.advance(DEADLINE.toNanos()), "fake-timer");
    timer.start();
    timer.join();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
