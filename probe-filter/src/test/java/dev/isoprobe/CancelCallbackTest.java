/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cancel callbacks run apart from the deadline timer and from shutdown, and never after their
 * check returned: a JDBC {@code Statement.cancel()} that opens a connection delays no deadline,
 * cannot make stop unbounded, and never acts on a statement the check gave back.
 */
class CancelCallbackTest {

  private static final long MS = 1_000_000;

  private final FakeTime time = new FakeTime();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane checkLane = new Lane("check", 4, 4, threads);
  private final Lane cancelLane = new Lane("cancel", 1, 4, threads);
  private final CountDownLatch releaseCallback = new CountDownLatch(1);

  @AfterEach
  void stop() {
    releaseCallback.countDown();
    checkLane.shutdownNow();
    cancelLane.shutdownNow();
  }

  private CheckRunner runner(String name, HealthCheck check, long timeoutMillis) {
    return new CheckRunner(Check.builder(name, check).build(), checkLane, timeoutMillis * MS,
        new AnswerReserve(Duration.ofMinutes(1)),
        new CheckRunner.Shared(cancelLane, time, time, ProbeEvents.NONE, new Redactor(List.of()),
            Standing.Thresholds.NONE));
  }

  /** Blocks until released, ignoring interrupts, as a callback stuck opening a connection does. */
  private void blockUntilReleased(CountDownLatch entered) {
    entered.countDown();
    while (releaseCallback.getCount() > 0) {
      try {
        releaseCallback.await();
      } catch (InterruptedException ignored) {
        // As a driver's blocking connect does.
      }
    }
  }

  @Test
  void aBlockingCancelCallbackDelaysNoOtherDeadline() throws Exception {
    CountDownLatch callbackEntered = new CountDownLatch(1);
    // Deaf to the interrupt, as a socket read is: only its callback can end it.
    TestChecks.Uninterruptible statement = new TestChecks.Uninterruptible();
    CheckRunner db = runner("db", ctx -> {
      ctx.token().onCancel(() -> blockUntilReleased(callbackEntered));
      return statement.check(ctx);
    }, 100);
    TestChecks.Blocking other = new TestChecks.Blocking();
    CheckRunner cache = runner("cache", other, 200);

    CompletableFuture<Settled<CheckReport>> dbReport = db.reportNow();
    CompletableFuture<Settled<CheckReport>> cacheReport = cache.reportNow();
    assertThat(statement.started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(other.started.await(5, TimeUnit.SECONDS)).isTrue();

    // Run on the calling thread, the timer's tasks would hang here at db's deadline.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> time.advance(100 * MS));
    assertThat(dbReport.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(callbackEntered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(cacheReport).isNotDone();

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> time.advance(100 * MS));
    CheckReport cacheTimeout = cacheReport.get(5, TimeUnit.SECONDS).report();
    assertThat(cacheTimeout.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(cacheTimeout.duration()).isEqualTo(Duration.ofMillis(200));
    await().atMost(Duration.ofSeconds(5)).untilTrue(other.sawInterrupt);
    statement.release.countDown();
  }

  @Test
  void aCancelCallbackNeverStartsAfterItsCheckReturned() throws Exception {
    // The one cancel thread is held by another check's callback, so db's wait in the queue.
    CountDownLatch holderEntered = new CountDownLatch(1);
    TestChecks.Uninterruptible holderCheck = new TestChecks.Uninterruptible();
    CheckRunner holder = runner("holder", ctx -> {
      ctx.token().onCancel(() -> blockUntilReleased(holderEntered));
      return holderCheck.check(ctx);
    }, 100);
    AtomicInteger cancelsAfterReturn = new AtomicInteger();
    AtomicInteger returned = new AtomicInteger();
    TestChecks.Blocking statement = new TestChecks.Blocking();
    CheckRunner db = runner("db", ctx -> {
      ctx.token().onCancel(() -> cancelsAfterReturn.addAndGet(returned.get()));
      try {
        return statement.check(ctx); // returns by the deadline's interrupt
      } finally {
        returned.set(1); // the statement is given back to the pool
      }
    }, 100);

    holder.reportNow();
    CompletableFuture<Settled<CheckReport>> dbReport = db.reportNow();
    assertThat(holderCheck.started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(statement.started.await(5, TimeUnit.SECONDS)).isTrue();
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> time.advance(100 * MS));
    assertThat(holderEntered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(dbReport.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
    await().atMost(Duration.ofSeconds(5)).until(db::isIdle);

    releaseCallback.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> cancelLane.freeSlots() == 1 + 4);
    assertThat(cancelsAfterReturn).as("callbacks that ran after the check returned").hasValue(0);
    holderCheck.release.countDown();
  }

  @Test
  void shutdownReturnsWithinItsTimeoutWhateverCancelCallbacksDo() throws Exception {
    CountDownLatch callbackEntered = new CountDownLatch(1);
    TestChecks.Uninterruptible statement = new TestChecks.Uninterruptible();
    ProbeEngine engine = new ProbeEngine(List.of(Check.builder("db", ctx -> {
      ctx.token().onCancel(() -> blockUntilReleased(callbackEntered));
      return statement.check(ctx);
    }).build()), new ProbeEngine.Settings(Duration.ofSeconds(30), 1, 1, 1, Standing.Thresholds.NONE), Clock.system(),
        ProbeEvents.NONE, new Redactor(List.of()));
    try {
      engine.run("readyz", engine.select(null, Set.of()));
      assertThat(statement.started.await(5, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      boolean ended = assertTimeoutPreemptively(Duration.ofSeconds(5),
          () -> engine.shutdown(Duration.ofMillis(200)));
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(ended).as("a check and a callback that ignore interrupts are still running").isFalse();
      assertThat(callbackEntered.await(5, TimeUnit.SECONDS)).as("the callback ran").isTrue();
      // The timeout, and scheduling slack on a loaded two-core machine.
      assertThat(tookMillis).isBetween(200L, 200L + 300);
    } finally {
      statement.release.countDown();
    }
  }
}
