/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single-flight, result caching and queue expiry, driven by a hand-moved clock where time matters. */
class CheckRunnerTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = now::get;
  private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Lane lane = new Lane("check", 1, 1, threads);
  private final Lane cancelLane = new Lane("cancel", 2, 4, threads);
  private final DeadlineTimer timer = new DeadlineTimer("timer", threads);

  @AfterEach
  void stop() {
    lane.shutdownNow();
    cancelLane.shutdownNow();
    timer.shutdown();
  }

  private CheckRunner runner(Check check, Duration timeout) {
    // A deadline far past the check's timeout, so that the answer reserve takes nothing from it.
    return new CheckRunner(check, lane, timeout.toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
        shared(timer));
  }

  private CheckRunner.Shared shared(Scheduler timer) {
    return new CheckRunner.Shared(cancelLane, timer, ticker, ProbeEvents.NONE,
        new Redactor(java.util.List.of()), Standing.Thresholds.NONE);
  }

  @Test
  void cachedResultIsReusedUntilItExpires() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      executions.incrementAndGet();
      return CheckResult.up();
    }).cacheFor(Duration.ofSeconds(10)).build(), Duration.ofSeconds(1));

    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    assertThat(executions).hasValue(1);

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    assertThat(executions).hasValue(2);
  }

  @Test
  void withoutCachingEveryProbeAfterTheLastReturnRunsTheCheck() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      executions.incrementAndGet();
      return CheckResult.down();
    }).build(), Duration.ofSeconds(1));

    for (int i = 0; i < 3; i++) {
      assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.DOWN);
    }
    assertThat(executions).hasValue(3);
  }

  @Test
  void concurrentProbesJoinTheExecutionInFlight() throws Exception {
    TestChecks.Blocking check = new TestChecks.Blocking();
    CheckRunner runner = runner(Check.builder("db", check).build(), Duration.ofSeconds(5));

    CompletableFuture<Settled<CheckReport>> first = runner.reportNow();
    assertThat(check.started.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Settled<CheckReport>> second = runner.reportNow();
    assertThat(second).isSameAs(first).isNotDone();

    now.addAndGet(Duration.ofMillis(40).toNanos());
    check.release.countDown();
    CheckReport report = second.get(5, TimeUnit.SECONDS).report();
    assertThat(report.outcome()).isEqualTo(Outcome.UP);
    assertThat(report.duration()).isEqualTo(Duration.ofMillis(40));
    assertThat(check.executions).hasValue(1);
  }

  @Test
  void executionThatExpiresInTheQueueNeverRunsAndFreesItsSlot() throws Exception {
    TestChecks.Blocking hog = new TestChecks.Blocking();
    AtomicInteger queuedExecutions = new AtomicInteger();
    CheckRunner hogRunner = runner(Check.builder("hog", hog).build(), Duration.ofSeconds(30));
    CheckRunner queued = runner(Check.builder("queued", ctx -> {
      queuedExecutions.incrementAndGet();
      return CheckResult.up();
    }).build(), Duration.ofMillis(200));

    CompletableFuture<Settled<CheckReport>> hogging = hogRunner.reportNow();
    assertThat(hog.started.await(5, TimeUnit.SECONDS)).isTrue();
    CheckReport expired = queued.reportNow().get(5, TimeUnit.SECONDS).report();

    assertThat(expired.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(queuedExecutions).hasValue(0);
    hog.release.countDown();
    hogging.get(5, TimeUnit.SECONDS);
    assertThat(queued.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    assertThat(queuedExecutions).hasValue(1);
  }

  @Test
  void fullLaneRejectsAtOnce() throws Exception {
    TestChecks.Blocking hog = new TestChecks.Blocking();
    TestChecks.Blocking waiting = new TestChecks.Blocking();
    runner(Check.builder("hog", hog).build(), Duration.ofSeconds(30)).reportNow();
    assertThat(hog.started.await(5, TimeUnit.SECONDS)).isTrue();
    runner(Check.builder("waiting", waiting).build(), Duration.ofSeconds(30)).reportNow();

    CompletableFuture<Settled<CheckReport>> rejected =
        runner(Check.builder("rejected", ctx -> CheckResult.up()).build(), Duration.ofSeconds(30)).reportNow();

    assertThat(rejected).isCompleted();
    assertThat(rejected.join().report().outcome()).isEqualTo(Outcome.REJECTED);
    hog.release.countDown();
    waiting.release.countDown();
  }

  @Test
  void cancellationCallbacksRunOnceAtTheDeadline() throws Exception {
    AtomicInteger callbacks = new AtomicInteger();
    TestChecks.Uninterruptible stubborn = new TestChecks.Uninterruptible();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      ctx.token().onCancel(callbacks::incrementAndGet);
      return stubborn.check(ctx);
    }).build(), Duration.ofMillis(300));

    try {
      CompletableFuture<Settled<CheckReport>> report = runner.reportNow();
      assertThat(stubborn.started.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(report.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
      await().atMost(Duration.ofSeconds(2)).untilAtomic(callbacks, equalTo(1));
    } finally {
      stubborn.release.countDown();
    }
    assertThat(callbacks).hasValue(1);
  }

  @Test
  void anErrorThrownByACheckIsReportedRedactedAndKillsNoThread() throws Exception {
    java.util.List<String> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      ranOn.add(Thread.currentThread().getName());
      throw new AssertionError("jdbc:postgresql://admin:hunter2@db.internal/app is down");
    }).build(), Duration.ofSeconds(5));

    CheckReport first = runner.reportNow().get(5, TimeUnit.SECONDS).report();
    assertThat(first.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(first.error()).startsWith("AssertionError: ").doesNotContain("hunter2");
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.ERROR);
    // Left to the pool, the Error would end its thread (printing it, unredacted, on stderr):
    // the second execution would run on a new one.
    assertThat(ranOn).containsExactly("isoprobe-check-1", "isoprobe-check-1");
  }

  @Test
  void aThreadRenamedByItsCheckGetsItsNameBack() throws Exception {
    java.util.List<String> ranOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      ranOn.add(Thread.currentThread().getName());
      Thread.currentThread().setName("worker password=hunter2");
      return CheckResult.up();
    }).build(), Duration.ofSeconds(5));

    runner.reportNow().get(5, TimeUnit.SECONDS).report();
    runner.reportNow().get(5, TimeUnit.SECONDS).report();

    assertThat(ranOn).containsExactly("isoprobe-check-1", "isoprobe-check-1");
    assertThat(threads).extracting(Thread::getName).doesNotContain("worker password=hunter2");
  }

  @Test
  void aCancelCallbackThatThrowsAnErrorStillLetsTheCheckBeInterruptedAndLaterDeadlinesFire()
      throws Exception {
    TestChecks.Blocking check = new TestChecks.Blocking();
    CheckRunner runner = runner(Check.builder("db", ctx -> {
      ctx.token().onCancel(() -> {
        throw new AssertionError("a bug in a cancel callback");
      });
      return check.check(ctx);
    }).build(), Duration.ofMillis(200));

    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
    await().atMost(Duration.ofSeconds(5)).untilTrue(check.sawInterrupt);
    await().atMost(Duration.ofSeconds(5)).until(() -> !runner.isStuck());
    // The next execution has a deadline too: the timer task survived the callback.
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void anErrorCreatingALaneThreadIsAnsweredRejectedAndTheNextProbeRunsTheCheck() throws Exception {
    AtomicInteger refusals = new AtomicInteger(1);
    Lane failing = new Lane("failing", 1, 1, threads, task -> {
      if (refusals.getAndDecrement() > 0) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
      }
      return Lane.daemonThreads("isoprobe-failing-", threads).newThread(task);
    });
    try {
      CheckRunner runner = new CheckRunner(Check.builder("db", ctx -> CheckResult.up()).build(),
          failing, Duration.ofSeconds(1).toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
          shared(timer));

      assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.REJECTED);
      assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
      // Both slots free again: one thread and one queue place.
      assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    } finally {
      failing.shutdownNow();
    }
  }

  @Test
  void anErrorCausedByTheDeadlinesInterruptIsNotCached() throws Exception {
    TestChecks.Blocking check = new TestChecks.Blocking();
    CheckRunner runner = runner(Check.builder("db", check).cacheFor(Duration.ofSeconds(10)).build(),
        Duration.ofMillis(200));

    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
    // Interrupted at the deadline, the check throws: an ERROR nobody was waiting for.
    await().atMost(Duration.ofSeconds(5)).until(() -> !runner.isStuck());
    check.release.countDown();

    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    assertThat(check.executions).hasValue(2);
  }

  /**
   * Regression: the one deadline task per check (now its alarm) fired at the deadline of the
   * execution it was set for; an execution started after the answer reserve grew has an earlier
   * deadline, and was timed out only at the older one, eating the time kept for writing its
   * answers.
   */
  @Test
  void anExecutionWhoseTimeoutTheReserveCutIsExpiredAtItsOwnDeadline() throws Exception {
    AnswerReserve reserve = new AnswerReserve(Duration.ofMillis(800));
    AtomicBoolean hang = new AtomicBoolean();
    TestChecks.Blocking blocking = new TestChecks.Blocking();
    CheckRunner runner = new CheckRunner(Check.builder("db", ctx ->
            hang.get() ? blocking.check(ctx) : CheckResult.up()).build(), lane,
        Duration.ofMillis(800).toNanos(), reserve, shared(timer));

    // Sets the check's alarm for 775 ms (800 less the least reserve), then returns.
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    // Answers took 320 ms to write: the reserve grows to 400 ms, the most it takes.
    reserve.written(Duration.ofMillis(320).toNanos(), now.get());
    hang.set(true);
    long start = System.nanoTime();
    CheckReport report = runner.reportNow().get(5, TimeUnit.SECONDS).report();
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(report.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(report.duration()).isEqualTo(Duration.ZERO); // the hand-moved clock stood still
    // Its own 400 ms, not the 775 ms the alarm was set for (nor 775 + 400 after setting it again).
    assertThat(millis).isBetween(400L - 5, 400L + 200);
    blocking.release.countDown();
  }

  /**
   * Regression: a deadline that could not be scheduled (the timer could not start its
   * thread) left the check marked as watched, and no later execution of it had a deadline again.
   */
  @Test
  void aDeadlineThatCouldNotBeScheduledIsArmedAgainForTheNextExecution() throws Exception {
    AtomicInteger refusals = new AtomicInteger(1);
    Scheduler flaky = (task, delayNanos) -> {
      if (refusals.getAndDecrement() > 0) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
      }
      timer.schedule(task, delayNanos);
    };
    TestChecks.Blocking first = new TestChecks.Blocking();
    AtomicInteger calls = new AtomicInteger();
    CheckRunner runner = new CheckRunner(Check.builder("db", ctx -> calls.incrementAndGet() == 1
            ? first.check(ctx) : new TestChecks.Blocking().check(ctx)).build(),
        lane, Duration.ofMillis(200).toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
        shared(flaky));

    CompletableFuture<Settled<CheckReport>> unwatched = runner.reportNow(); // no deadline: left to the watchdog
    assertThat(first.started.await(5, TimeUnit.SECONDS)).isTrue();
    first.release.countDown();
    assertThat(unwatched.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);

    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
  }
}
