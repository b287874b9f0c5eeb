/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Second reader: the deadline timer settles a warm-up run, which starts the next check's warm-up
 * on the timer; the lane refuses it, and a probe that joins it before the refusal frees the slot
 * is answered in the answer lane, not on the timer. On a fake clock, whose timer runs on the test
 * thread. Drafts wrote it on the timer: one that handed off nothing there, and one that handed
 * off only when a probe had joined by the time the refusal counted them.
 */
class WarmUpHandOffSecondReaderTest {

  private final FakeTime time = new FakeTime();
  private final TestChecks.Uninterruptible a = new TestChecks.Uninterruptible();
  private final TestChecks.Uninterruptible c = new TestChecks.Uninterruptible();
  private final AtomicReference<CompletableFuture<Settled<ProbeReport>>> joined =
      new AtomicReference<>();
  private final AtomicReference<Thread> answeredOn = new AtomicReference<>();
  private ProbeEngine engine;

  @AfterEach
  void stop() throws InterruptedException {
    a.release.countDown();
    c.release.countDown();
    engine.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void aProbeJoiningAWarmUpRunRefusedOnTheTimerIsNotAnsweredOnTheTimer() throws Exception {
    refuseBsWarmUpOnTheTimer(new ProbeEvents() {
      @Override
      public void checkRejected(String check, Lane lane) {
        if (check.equals("b") && joined.get() == null) {
          joinB(); // as the launch is refused: it joins the run, settled next
        }
      }
    });

    assertThat(joined.get().get(5, TimeUnit.SECONDS).report().checks().get(0).outcome())
        .isEqualTo(Outcome.REJECTED);
    assertWrittenInTheAnswerLane();
  }

  @Test
  void aProbeJoiningBeforeTheRefusalFreesTheSlotIsNotAnsweredOnTheTimer() throws Exception {
    AtomicReference<Thread> helper = new AtomicReference<>();
    refuseBsWarmUpOnTheTimer(new ProbeEvents() {
      @Override
      public void checkRejected(String check, Lane lane) {
        if (check.equals("b") && helper.get() == null) {
          helper.set(joinBWhileTheRefusalWaitsForItsStatus(Thread.currentThread()));
        }
      }
    });
    helper.get().join(5_000);

    assertWrittenInTheAnswerLane();
  }

  /**
   * Starts a thread that holds b's status lock, which the refusal's verdict takes before it frees
   * the slot, and joins b while the refusal (on {@code timer}) waits for it; returns once the
   * lock is held.
   */
  private Thread joinBWhileTheRefusalWaitsForItsStatus(Thread timer) {
    CheckStatus status = engine.named(null, "b").get(0).status();
    CountDownLatch locked = new CountDownLatch(1);
    Thread helper = new Thread(() -> {
      synchronized (status) {
        locked.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.getState() == Thread.State.BLOCKED);
        joinB();
      }
    });
    helper.start();
    try {
      assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    return helper;
  }

  /** Probes b, and records the thread its answer is written on. */
  private void joinB() {
    long arrival = time.nanoTime();
    CompletableFuture<Settled<ProbeReport>> report = engine.run("readyz", engine.named(null, "b"));
    joined.set(report);
    report.whenComplete((settled, failure) -> engine.write(arrival, settled,
        () -> answeredOn.set(Thread.currentThread())));
  }

  /**
   * Warms up a on the check lane's one thread, then b, while c holds the lane's one queue place,
   * and times a out: its deadline, on the fake timer, launches b's warm-up, which the lane
   * refuses, and {@code events} hear it.
   */
  private void refuseBsWarmUpOnTheTimer(ProbeEvents events) throws InterruptedException {
    engine = new ProbeEngine(List.of(Check.builder("a", a).build(),
        Check.builder("b", ctx -> CheckResult.up()).build(), Check.builder("c", c).build()),
        new ProbeEngine.Settings(Duration.ofSeconds(30), 1, 1, 1, Standing.Thresholds.NONE), time,
        events, new Redactor(List.of()));
    engine.start(Duration.ofSeconds(1));
    assertThat(a.started.await(5, TimeUnit.SECONDS)).isTrue();
    engine.run("readyz", engine.named(null, "c"));

    time.advance(Duration.ofSeconds(1).toNanos());
  }

  private void assertWrittenInTheAnswerLane() {
    await().atMost(Duration.ofSeconds(5)).untilAtomic(answeredOn, notNullValue());
    assertThat(answeredOn.get()).as("written on").isNotSameAs(Thread.currentThread());
    assertThat(answeredOn.get().getName()).startsWith("isoprobe-answer-");
  }
}
