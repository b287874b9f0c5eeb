/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Probes#probe(String)}, the entry of protocols other than HTTP: groups and check names as
 * the paths take them, the drain and stop rules, and a probe in flight answered at shutdown.
 */
class ProbeWithoutHttpTest {

  private final TestChecks.Blocking hung = new TestChecks.Blocking();
  private final Probes probes = Probes.builder().deadline(Duration.ofSeconds(30))
      .check(Check.builder("db/primary", ctx -> CheckResult.up()).build())
      .check(Check.builder("cache", ctx -> CheckResult.down()).groups(Group.STARTUP).build())
      .check(Check.builder("slow", hung).groups(Group.STARTUP).build())
      .build();

  @AfterEach
  void stop() throws InterruptedException {
    hung.release.countDown();
    probes.shutdown(Duration.ofSeconds(2));
  }

  private boolean probe(String target) throws Exception {
    return probes.probe(target).orElseThrow().get(5, TimeUnit.SECONDS);
  }

  @Test
  void groupsAndCheckNamesAreProbedAsTheirPathsAreAndAnyOtherNameIsNone() throws Exception {
    assertThat(probe("readiness")).isTrue();
    assertThat(probe("liveness")).isTrue();
    assertThat(probe("db")).isTrue();
    assertThat(probe("db/primary")).isTrue();
    assertThat(probe("cache")).isFalse();
    assertThat(probes.probe("nope")).isEmpty();
    assertThat(probes.probe("Readiness")).as("names are matched exactly").isEmpty();
  }

  @Test
  void checksAreListedTheDeadlockCheckFirstThenInTheOrderTheyWereAdded() {
    assertThat(probes.checks()).extracting(Check::name)
        .containsExactly("deadlock", "db/primary", "cache", "slow");
    assertThat(probes.checks().get(2).groups()).containsExactly(Group.STARTUP);
  }

  @Test
  void aChecksStatusIsEmptyBeforeItsFirstOutcomeThenWhatItsThresholdsMadeIt() throws Exception {
    Probes cold = Probes.builder().deadline(Duration.ofSeconds(30)).warmUp(Duration.ZERO)
        .check(Check.builder("db/primary", ctx -> CheckResult.up()).build())
        .check(Check.builder("cache", ctx -> CheckResult.down()).failureThreshold(2).build())
        .build();
    try {
      assertThat(cold.status("db/primary")).as("not run yet").isEmpty();
      assertThat(cold.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(cold.status("db/primary")).contains(true);
      assertThat(cold.status("db")).as("a name that covers a check is not one").isEmpty();
      assertThat(cold.status("nope")).isEmpty();

      assertThat(cold.probe("cache").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse();
      assertThat(cold.status("cache")).as("the first outcome sets it, threshold or not")
          .contains(false);
    } finally {
      cold.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void drainingRefusesReadinessOnlyAndStoppingAnswersAProbeInFlight() throws Exception {
    CompletableFuture<Boolean> inFlight = probes.probe("slow").orElseThrow();
    assertThat(hung.started.await(5, TimeUnit.SECONDS)).isTrue();

    probes.startDraining();
    assertThat(probe("readiness")).isFalse();
    assertThat(probe("liveness")).isTrue();
    assertThat(probe("db")).as("a check's own name, as liveness").isTrue();
    assertThat(inFlight).isNotDone();

    probes.shutdown(Duration.ofSeconds(2));
    assertThat(inFlight).isCompletedWithValue(false);
    assertThat(probe("liveness")).isFalse();
  }

  /**
   * An answer the deadline settles completes off the deadline timer: what the caller chains to it
   * (gRPC writes them) must not hold back the next deadline. Here the first answer's callback
   * waits for the second check's interrupt, which its deadline sends.
   */
  @Test
  void anAnswerSettledByTheDeadlineCompletesOffTheTimerSoTheNextDeadlineKeepsItsTime()
      throws Exception {
    CountDownLatch secondInterrupted = new CountDownLatch(1);
    Probes timed = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .warmUp(Duration.ZERO)
        .check(Check.builder("first", ctx -> awaitInterrupt(new CountDownLatch(1))).build())
        .check(Check.builder("second", ctx -> awaitInterrupt(secondInterrupted)).build())
        .build();
    try {
      AtomicReference<String> completedOn = new AtomicReference<>();
      CompletableFuture<Boolean> first = timed.probe("first").orElseThrow();
      first.whenComplete((up, failure) -> {
        completedOn.set(Thread.currentThread().getName());
        awaitUninterruptibly(secondInterrupted);
      });
      CompletableFuture<Boolean> second = timed.probe("second").orElseThrow();

      assertThat(secondInterrupted.await(5, TimeUnit.SECONDS))
          .as("the second check interrupted by its deadline").isTrue();
      assertThat(first.get(5, TimeUnit.SECONDS)).isFalse();
      assertThat(second.get(5, TimeUnit.SECONDS)).isFalse();
      assertThat(completedOn.get()).startsWith("isoprobe-answer-");
    } finally {
      timed.shutdown(Duration.ofSeconds(2));
    }
  }

  /** Waits for an interrupt, then counts {@code interrupted} down; down, as a hung dependency is. */
  private static CheckResult awaitInterrupt(CountDownLatch interrupted) {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException expected) {
      interrupted.countDown();
    }
    return CheckResult.down();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
