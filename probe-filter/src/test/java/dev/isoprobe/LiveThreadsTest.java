/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LiveThreadsTest {

  @Test
  void listsTheThreadOfARunningCheckUntilShutdownEndsIt() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Probes probes = Probes.builder()
        .deadlockCheck(false)
        .deadline(Duration.ofSeconds(5))
        .check(Check.builder("db", ctx -> {
          entered.countDown();
          never.await();
          return CheckResult.up();
        }).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      server.getAsync("/readyz");
      assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(probes.liveThreads()).extracting(Thread::getName).contains("isoprobe-check-1");

      assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
      await().atMost(Duration.ofSeconds(2)).until(() -> probes.liveThreads().isEmpty());
    }
  }

  /**
   * The survivors a shutdown reports are threads inside a check: isoprobe's own (the deadline
   * timer, the watchdog, the answer writers) may not have ended yet on a loaded machine, but run
   * no check and ignore no cancellation.
   */
  @Test
  void namesOnlyThreadsThatRanACheckNeverIsoprobesOwn() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadlockCheck(false).deadline(Duration.ofMillis(200))
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      assertThat(server.get("/readyz").body()).contains("timeout after"); // the timer ran
      // No wait at all: the timers are told to stop, and are as alive as a loaded machine leaves them.
      probes.shutdown(Duration.ZERO);

      assertThat(probes.liveThreads()).extracting(Thread::getName).containsExactly("isoprobe-check-1");
    } finally {
      db.release.countDown();
    }
  }

  /**
   * An idle thread runs no application code: a liveness thread that has answered and waits for
   * work (or, after shutdown, is still leaving its pool on a loaded machine) is never named, only
   * the one inside the hung check. It once was, and the shutdown's survivor report said it
   * ignored its interrupt.
   */
  @Test
  void namesNoIdleThreadOnlyOneInsideACheck() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadlockCheck(false).deadline(Duration.ofSeconds(5))
        .check(Check.builder("db", db).build())
        .check(Check.builder("process", ctx -> CheckResult.up()).groups(Group.LIVENESS).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      assertThat(server.get("/livez").statusCode()).isEqualTo(200); // its thread now idles 10 s
      server.getAsync("/readyz");
      assertThat(db.started.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      assertThat(probes.liveThreads()).extracting(Thread::getName).containsExactly("isoprobe-check-1");
      assertThat(probes.shutdown(Duration.ofMillis(200))).isFalse();
      assertThat(probes.liveThreads()).extracting(Thread::getName).containsExactly("isoprobe-check-1");
    } finally {
      db.release.countDown();
    }
  }

  /** A health listener is the application's code too: one that outlives shutdown is named. */
  @Test
  void namesAHealthListenerThatOutlivesShutdown() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(500)).deadlockCheck(false)
        .check(Check.builder("db", ctx -> CheckResult.up()).build()).build();
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        entered.countDown();
        TestChecks.awaitIgnoringInterrupts(release); // a status page push without a timeout
      }
    });
    try {
      assertThat(entered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(probes.shutdown(Duration.ofMillis(300))).isFalse();

      assertThat(probes.liveThreads()).extracting(Thread::getName)
          .containsExactly("isoprobe-listener-1");
    } finally {
      release.countDown();
    }
  }
}
