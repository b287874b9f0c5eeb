/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Second reader: a probe that joins a warm-up launch refused on the deadline timer, before the
 * refusal freed the slot, is not answered on the timer. The window is held open by another
 * thread holding the check's CheckStatus lock, which the refusal's verdict takes. A draft that
 * handed off only when a probe had joined by the refusal wrote this one on the timer.
 */
class RefusedLaunchRaceSecondReaderTest {

  private final FakeTime time = new FakeTime();
  private final TestChecks.Uninterruptible a = new TestChecks.Uninterruptible();
  private final TestChecks.Uninterruptible c = new TestChecks.Uninterruptible();
  private final AtomicReference<Thread> answeredOn = new AtomicReference<>();
  private final AtomicReference<Thread> helper = new AtomicReference<>();
  private ProbeEngine engine;

  @AfterEach
  void stop() throws InterruptedException {
    a.release.countDown();
    c.release.countDown();
    engine.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void aProbeJoiningInTheRefusalsWindowIsNotAnsweredOnTheTimer() throws Exception {
    ProbeEvents holdStatus = new ProbeEvents() {
      @Override
      public void checkRejected(String check, Lane lane) {
        if (!check.equals("b") || helper.get() != null) {
          return;
        }
        Thread timer = Thread.currentThread();
        CheckStatus status = engine.named(null, "b").get(0).status();
        CountDownLatch locked = new CountDownLatch(1);
        Thread h = new Thread(() -> {
          synchronized (status) {
            locked.countDown();
            // The refusal now waits for this lock in status.verdict, the slot not yet free.
            await().atMost(Duration.ofSeconds(5))
                .until(() -> timer.getState() == Thread.State.BLOCKED);
            long arrival = time.nanoTime();
            engine.run("readyz", engine.named(null, "b")).whenComplete((settled, failure) ->
                engine.write(arrival, settled, () -> answeredOn.set(Thread.currentThread())));
          }
        });
        helper.set(h);
        h.start();
        try {
          locked.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    engine = new ProbeEngine(List.of(Check.builder("a", a).build(),
        Check.builder("b", ctx -> CheckResult.up()).build(), Check.builder("c", c).build()),
        new ProbeEngine.Settings(Duration.ofSeconds(30), 1, 1, 1, Standing.Thresholds.NONE), time,
        holdStatus, new Redactor(List.of()));
    engine.start(Duration.ofSeconds(1)); // a warms up on the lane's one thread, then b
    assertThat(a.started.await(5, TimeUnit.SECONDS)).isTrue();
    engine.run("readyz", engine.named(null, "c")); // c takes the queue place

    time.advance(Duration.ofSeconds(1).toNanos()); // a times out; b's warm-up launch refused
    helper.get().join(5_000);

    await().atMost(Duration.ofSeconds(5)).until(() -> answeredOn.get() != null);
    assertThat(answeredOn.get()).as("the joined probe's answer written on")
        .isNotSameAs(Thread.currentThread()); // the test thread runs the fake deadline timer
  }
}
