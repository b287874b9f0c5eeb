/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Second reader: the listener lanes' threads, through add/remove cycles, a listener added after
 * shutdown, and one that ignores its interrupt at shutdown.
 */
class ListenerLaneThreadsSecondReaderTest {

  private static Probes probes() {
    return Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("db", ctx -> CheckResult.up()).build()).build();
  }

  @Test
  void manyAddRemoveCyclesLeaveNoListenerThreadAndOneAddedAfterShutdownStartsNone()
      throws Exception {
    Probes probes = probes();
    try {
      assertThat(probes.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 300; i++) {
        CountDownLatch caughtUp = new CountDownLatch(1);
        HealthListener listener = new HealthListener() {
          @Override
          public void checkChanged(StatusChange change) {
            caughtUp.countDown();
          }
        };
        probes.addListener(listener);
        probes.addListener(listener); // twice: one lane
        assertThat(caughtUp.await(5, TimeUnit.SECONDS)).isTrue();
        probes.removeListener(listener);
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(TestChecks.liveThreads("isoprobe-listener-")).isZero());
      assertThat(probes.liveThreads()).extracting(Thread::getName)
          .noneMatch(name -> name.startsWith("isoprobe-listener-")); // check threads idle 10 s
    } finally {
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
    }
    CountDownLatch told = new CountDownLatch(1);
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        told.countDown();
      }
    });
    assertThat(told.await(300, TimeUnit.MILLISECONDS)).as("told nothing after shutdown").isFalse();
    assertThat(TestChecks.liveThreads("isoprobe-listener-")).isZero();
  }

  @Test
  void shutdownReturnsWithinItsTimeoutPastAListenerThatIgnoresItsInterrupt() throws Exception {
    Probes probes = probes();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stopping = new CountDownLatch(1);
    probes.addListener(new HealthListener() {
      @Override
      public void stateChanged(Probes.State state) {
        stopping.countDown();
        while (release.getCount() > 0) {
          try {
            release.await();
          } catch (InterruptedException ignored) {
            // the badly-behaved listener
          }
        }
      }
    });
    try {
      long start = System.nanoTime();
      boolean ended = probes.shutdown(Duration.ofMillis(500));
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(stopping.await(0, TimeUnit.SECONDS)).as("told STOPPING").isTrue();
      assertThat(ended).as("a listener thread did not end").isFalse();
      assertThat(tookMs).as("shutdown(500 ms) took").isLessThan(2_000);
      assertThat(probes.liveThreads()).extracting(Thread::getName)
          .allMatch(name -> name.startsWith("isoprobe-listener-")).hasSize(1);
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.liveThreads().isEmpty());
  }
}
