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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Second reader: the deadline timer settles a warm-up run, which starts the next check's warm-up
 * on the timer; the lane refuses it, and a probe that joined it in between is answered. On a
 * fake clock, whose timer runs on the test thread.
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
    ProbeEvents joinWhenRefused = new ProbeEvents() {
      @Override
      public void checkRejected(String check, Lane lane) {
        if (check.equals("b") && joined.get() == null) {
          // A probe arriving as the launch is refused: it joins the run, settled next.
          long arrival = time.nanoTime();
          CompletableFuture<Settled<ProbeReport>> report = engine.run("readyz", engine.named(null, "b"));
          joined.set(report);
          report.whenComplete((settled, failure) -> engine.write(arrival, settled,
              () -> answeredOn.set(Thread.currentThread())));
        }
      }
    };
    engine = new ProbeEngine(List.of(Check.builder("a", a).build(),
        Check.builder("b", ctx -> CheckResult.up()).build(), Check.builder("c", c).build()),
        new ProbeEngine.Settings(Duration.ofSeconds(30), 1, 1, 1, Standing.Thresholds.NONE), time,
        joinWhenRefused, new Redactor(List.of()));
    engine.start(Duration.ofSeconds(1)); // warms a up on the lane's one thread, then b
    assertThat(a.started.await(5, TimeUnit.SECONDS)).isTrue();
    engine.run("readyz", engine.named(null, "c")); // c takes the queue place

    time.advance(Duration.ofSeconds(1).toNanos()); // a's warm-up times out; b's launch refused

    assertThat(joined.get()).isNotNull();
    assertThat(joined.get().get(5, TimeUnit.SECONDS).report().checks().get(0).outcome())
        .isEqualTo(Outcome.REJECTED);
    // Written in the answer lane, as every answer the deadline timer makes ready; the first
    // draft wrote it on the timer.
    await().atMost(Duration.ofSeconds(5)).untilAtomic(answeredOn, notNullValue());
    assertThat(answeredOn.get()).as("written on").isNotSameAs(Thread.currentThread());
    assertThat(answeredOn.get().getName()).startsWith("isoprobe-answer-");
  }
}
