/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: under load a check that returned at once was answered {@code STUCK} ("stuck for
 * 0ms") about once in 100,000 to 300,000 probes. A probe joining the execution read it as
 * running, then read its report as done: the report of a normal return, not of an expiry.
 */
class HealthyCheckIsNeverStuckTest {

  private static final int PROBERS = 4;
  private static final long PROBES = 1_500_000;
  /** Enough probes to have met the race many times over before the fix. */
  private static final long ENOUGH = 300_000;
  /** How long the probers go on from the start, if they have had enough by then. */
  private static final Duration AT_MOST = Duration.ofSeconds(20);
  /** When they stop short of enough: only a machine far slower than any CI runner gets here. */
  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane lane = new Lane("check", 4, 16, threads);
  private final DeadlineTimer timer = new DeadlineTimer("timer", threads);

  @AfterEach
  void stop() {
    lane.shutdownNow();
    timer.shutdown();
  }

  @Test
  void aCheckThatReturnsAtOnceIsAnsweredUpByEveryOneOfOneAndAHalfMillionConcurrentProbes()
      throws Exception {
    CheckRunner runner = new CheckRunner(Check.builder("fast", ctx -> CheckResult.up()).build(),
        lane, Duration.ofSeconds(30).toNanos(), new AnswerReserve(Duration.ofSeconds(30)),
        new CheckRunner.Shared(lane, timer, Ticker.system(), ProbeEvents.NONE, new Redactor(List.of()),
            Standing.Thresholds.NONE));
    AtomicLong drawn = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    Map<Outcome, AtomicInteger> wrong = new ConcurrentHashMap<>();
    long stopAt = System.nanoTime() + AT_MOST.toNanos();
    long giveUpAt = System.nanoTime() + GIVE_UP.toNanos();
    CountDownLatch done = new CountDownLatch(PROBERS);
    List<Thread> probers = new ArrayList<>();
    for (int i = 0; i < PROBERS; i++) {
      Thread prober = new Thread(() -> {
        try {
          for (long n = drawn.incrementAndGet(); n <= PROBES
              && (System.nanoTime() - stopAt < 0 || n <= ENOUGH)
              && System.nanoTime() - giveUpAt < 0; n = drawn.incrementAndGet()) {
            Outcome outcome = runner.reportNow().get(10, TimeUnit.SECONDS).report().outcome();
            answered.incrementAndGet();
            if (outcome != Outcome.UP) {
              wrong.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
            }
          }
        } catch (Exception unexpected) {
          wrong.computeIfAbsent(Outcome.ERROR, o -> new AtomicInteger()).incrementAndGet();
        } finally {
          done.countDown();
        }
      }, "prober-" + i);
      probers.add(prober);
      prober.start();
    }

    assertThat(done.await(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
    System.out.printf("%,d probes of a healthy check, wrong answers: %s%n", answered.get(), wrong);
    assertThat(wrong).as("answers other than UP in %,d probes", answered.get()).isEmpty();
    assertThat(answered.get()).isGreaterThanOrEqualTo(ENOUGH);
  }
}
