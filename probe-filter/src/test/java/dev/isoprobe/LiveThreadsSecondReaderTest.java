/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Second reader of {@link Probes#liveThreads()} naming only threads busy in a lane: tries the
 * paths the busy set could miss (a cancel callback, a thread an {@code Error} ended) and the one
 * where it names a thread whose check has already returned (a caller's code chained to
 * {@link Probes#probe(String)}).
 */
class LiveThreadsSecondReaderTest {

  /** A cancel callback that ignores its interrupt runs on the cancel lane, and is named. */
  @Test
  void namesACancelCallbackThatOutlivesShutdown() throws Exception {
    CountDownLatch callbackEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO)
        .deadline(Duration.ofMillis(300))
        .check(Check.builder("db", ctx -> {
          ctx.token().onCancel(() -> {
            callbackEntered.countDown();
            TestChecks.awaitIgnoringInterrupts(release); // a Statement.cancel() that hangs
          });
          // Returns only once its callback runs: one taken after the check returned never would.
          TestChecks.awaitIgnoringInterrupts(callbackEntered);
          return CheckResult.up();
        }).build())
        .build();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
      CompletableFuture<Boolean> answer = probes.probe("db").orElseThrow();
      assertThat(answer.get(5, TimeUnit.SECONDS)).isFalse(); // timed out
      assertThat(callbackEntered.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(probes.shutdown(Duration.ofMillis(300))).isFalse();

      assertThat(probes.liveThreads()).extracting(Thread::getName)
          .containsExactly("isoprobe-cancel-1");
    } finally {
      release.countDown();
    }
  }

  /**
   * A check that throws a fatal {@code Error} ends its thread (Execution rethrows it): the busy
   * set must forget the thread ({@code afterExecute} runs for a task that throws), or it would be
   * named, dead, in every later list and shutdown report.
   */
  @Test
  void forgetsAThreadThatAnErrorFromItsCheckEnded() throws Exception {
    Probes probes = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO)
        .deadline(Duration.ofSeconds(5))
        .check(Check.builder("db", ctx -> {
          throw new InternalError("the JVM is broken");
        }).build())
        .build();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
      assertThat(probes.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse();

      // The thread dies of the Error as Execution means it to: not an uncaught failure of this test.
      await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(5))
          .until(() -> probes.liveThreads().isEmpty());
      assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
      assertThat(probes.liveThreads()).isEmpty();
    } finally {
      probes.shutdown(Duration.ofSeconds(1));
    }
  }

  /**
   * What a caller chains to {@link Probes#probe(String)} runs on the check's thread after the
   * check has returned (as that method documents). It is no check, cancel callback or listener,
   * and must be as quick as writing an answer: not named, as on an answer thread (see
   * {@link #failsToNameAnAnswerThreadRunningACallersChainedCode}). With the whole lane task
   * marked busy (commit 0db8132) the check thread was named here, blamed in GracefulShutdown's
   * report on "its check, its cancel callback or a health listener".
   */
  @Test
  void namesNoCheckThreadWhereOnlyACallersChainedCodeRuns() throws Exception {
    CountDownLatch chained = new CountDownLatch(1);
    CountDownLatch checkReturned = new CountDownLatch(1);
    CountDownLatch chainedEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO)
        .deadline(Duration.ofSeconds(5))
        .check(Check.builder("db", ctx -> {
          try {
            // Completed before the caller chains, its chained code would run on the caller's thread.
            return chained.await(5, TimeUnit.SECONDS) ? CheckResult.up() : CheckResult.down();
          } finally {
            checkReturned.countDown();
          }
        }).build())
        .build();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
      CompletableFuture<Boolean> answer = probes.probe("db").orElseThrow();
      CompletableFuture<String> chainedOn = answer.thenApply(up -> {
        String name = Thread.currentThread().getName();
        chainedEntered.countDown();
        TestChecks.awaitIgnoringInterrupts(release);
        return name;
      });
      chained.countDown();
      assertThat(checkReturned.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(chainedEntered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(probes.liveThreads()).isEmpty();
      release.countDown();
      // Chained before the answer came, it ran where the answer was completed: the check thread.
      assertThat(chainedOn.get(5, TimeUnit.SECONDS)).isEqualTo("isoprobe-check-1");
    } finally {
      release.countDown();
      probes.shutdown(Duration.ofSeconds(1));
    }
  }

  /**
   * A check thread writes the answer and then tells the events (logs, meters, listeners handed
   * over) after its check returned: it is in no check then, and is not named, however long a
   * stalled log appender holds the "failed" line. With the whole lane task marked busy (commit
   * 0db8132) it was, and so for a moment on any loaded machine, which is how
   * {@code LiveThreadsTest.namesNoIdleThreadOnlyOneInsideACheck} failed in this review's run
   * ({@code ["isoprobe-check-1", "isoprobe-liveness-2"]}).
   */
  @Test
  void namesNoThreadThatAnsweredAndIsStillLogging() throws Exception {
    Probes probes = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO)
        .deadline(Duration.ofSeconds(5))
        .check(Check.builder("process", ctx -> {
          throw new IllegalStateException("heap nearly full");
        }).groups(Group.LIVENESS).build())
        .build();
    try (BlockingLog log = BlockingLog.holdOn("check 'process' failed");
        TestServer server = TestServer.start(probes)) {
      assertThat(server.get("/livez").statusCode()).isEqualTo(503); // answered: the check returned
      assertThat(log.awaitHeld(Duration.ofSeconds(5))).isTrue();

      assertThat(probes.liveThreads()).as("no check, callback or listener runs").isEmpty();
    }
  }
}
