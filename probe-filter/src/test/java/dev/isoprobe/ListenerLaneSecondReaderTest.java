/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Second reader's reproductions against the per-listener lanes: each test states what the
 * documentation promises, and fails where the code does otherwise.
 */
class ListenerLaneSecondReaderTest {

  /**
   * HealthListener#stateChanged: "Told even when events wait for a slow listener ... STOPPING is
   * the last event". A lane keeps {@code STATE_EVENTS = 2} places, "for state changes: draining and
   * stopping", but every state change may take them: RUNNING (the warm-up's end) takes one while
   * the listener is behind, DRAINING the other, and STOPPING is dropped for it.
   */
  @Test
  void aListenerBehindSinceTheWarmUpStillHearsStopping() throws Exception {
    TestChecks.Blocking warmUp = new TestChecks.Blocking();
    AtomicInteger runs = new AtomicInteger();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(5)).deadlockCheck(false)
        .check(Check.builder("boot", warmUp).groups(Group.STARTUP).build())
        .check(Check.builder("flap", ctx -> runs.incrementAndGet() % 2 == 0
            ? CheckResult.up() : CheckResult.down()).failureThreshold(1).successThreshold(1).build())
        .build();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Probes.State> heard = new CopyOnWriteArrayList<>();
    HealthListener slow = new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        held.countDown();
        try {
          release.await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void stateChanged(Probes.State state) {
        heard.add(state);
      }
    };
    CountDownLatch otherHeardStopping = new CountDownLatch(1);
    HealthListener other = new HealthListener() {
      @Override
      public void stateChanged(Probes.State state) {
        if (state == Probes.State.STOPPING) {
          otherHeardStopping.countDown();
        }
      }
    };
    probes.addListener(slow);
    probes.addListener(other);
    try {
      // While the warm-up runs, the flapping check is probed (as liveness and readiness are
      // answered while starting), more often than the slow listener's lane holds.
      assertThat(probes.probe("flap").orElseThrow().get(5, TimeUnit.SECONDS)).isNotNull();
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < ListenerEvents.PENDING_EVENTS + 50; i++) {
        probes.probe("flap").orElseThrow().get(5, TimeUnit.SECONDS);
      }
      warmUp.release.countDown(); // RUNNING
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> probes.state() == Probes.State.RUNNING);
      probes.startDraining(); // DRAINING
      Thread stopper = new Thread(() -> {
        try {
          probes.shutdown(Duration.ofSeconds(10));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }, "second-reader-stopper");
      stopper.start();
      // Told to every listener in the order they were added: the slow one's turn came first.
      assertThat(otherHeardStopping.await(5, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      stopper.join(15_000);
      assertThat(heard).as("state changes the slow listener heard")
          .contains(Probes.State.DRAINING, Probes.State.STOPPING);
    } finally {
      release.countDown();
      warmUp.release.countDown();
      probes.shutdown(Duration.ofSeconds(2));
    }
  }
}
