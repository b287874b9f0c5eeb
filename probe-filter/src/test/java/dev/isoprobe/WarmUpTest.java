/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up, as probes on real Jetty see it, on a fake clock: built probes run every check
 * once, with the warm-up's time rather than a probe's deadline; {@code /startupz} answers
 * {@code starting} until every first run is settled; a probe that joins a first run brings it
 * forward to its own deadline; a warm-up of more checks than the lane holds rejects none. And the
 * background runs that follow it: one the lane rejects is no result, and is tried again.
 */
class WarmUpTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** The deadline less its least answer reserve, a thirty-second: 484.375 ms. */
  private static final long CUT_NANOS = DEADLINE.toNanos() - DEADLINE.toNanos() / 32;
  private static final long SECOND = 1_000_000_000L;

  private final FakeTime time = new FakeTime();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Probes.Builder probes() {
    return Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time);
  }

  /** A check whose first run waits for its first connection, as long as the test says. */
  private static final class ColdStart implements HealthCheck {
    final CountDownLatch connected = new CountDownLatch(1);
    final AtomicInteger executions = new AtomicInteger();

    @Override
    public CheckResult check(CheckContext context) throws InterruptedException {
      executions.incrementAndGet();
      connected.await();
      return CheckResult.up();
    }
  }

  @Test
  void aFirstRunLongerThanTheDeadlineEndsBeforeTheFirstProbeWhichIsUp() throws Exception {
    ColdStart redis = new ColdStart();
    Probes probes = probes().check(Check.builder("redis", redis).build()).build();
    server = TestServer.start(probes);
    await().atMost(Duration.ofSeconds(5)).until(() -> redis.executions.get() == 1);

    HttpResponse<String> starting = server.get("/startupz");
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(starting.body()).isEqualTo("starting");
    assertThat(starting.headers().firstValue("Connection")).as("kept alive").isEmpty();
    assertThat(probes.state()).isEqualTo(Probes.State.STARTING);
    time.advance(2 * SECOND); // four deadlines: a probe's run would have timed out
    redis.connected.countDown();

    await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    assertThat(server.answer("/startupz")).isEqualTo("200 ok");
    assertThat(server.answer("/readyz?verbose")).isEqualTo("200 [+]redis ok, up since "
        + "2026-01-01T00:00:02Z, last success 2026-01-01T00:00:02Z\nreadyz check passed");
  }

  @Test
  void aProbeThatJoinsAFirstRunBringsItsDeadlineForwardToItsOwn() throws Exception {
    ColdStart db = new ColdStart();
    Probes probes = probes().check(Check.builder("db", db).build()).build();
    server = TestServer.start(probes);
    await().atMost(Duration.ofSeconds(5)).until(() -> db.executions.get() == 1);
    time.advance(SECOND);

    CompletableFuture<HttpResponse<String>> probe = server.getAsync("/readyz?verbose");
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);
    time.advance(CUT_NANOS - 1);
    assertThat(probe).isNotDone();
    time.advance(1);

    HttpResponse<String> answer = probe.get(5, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).startsWith("[-]db failed: timeout after 1484ms, down since ");
    assertThat(db.executions).as("one run: the probe joined the first").hasValue(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    assertThat(server.answer("/startupz")).isEqualTo("200 ok");
  }

  @Test
  void aWarmUpOfMoreChecksThanTheLaneHoldsRejectsNone() throws Exception {
    Probes.Builder builder = probes().executorThreads(1).queueCapacity(0);
    AtomicInteger executions = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      builder.check(Check.builder("db" + i, ctx -> {
        executions.incrementAndGet();
        return CheckResult.up();
      }).build());
    }
    Probes probes = builder.build();
    server = TestServer.start(probes);

    await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    assertThat(executions).hasValue(5);
    assertThat(server.answer("/startupz")).isEqualTo("200 ok");
    for (int i = 0; i < 5; i++) {
      assertThat(probes.engine().named(null, "db" + i).get(0).up()).as("db%d", i).isTrue();
    }
  }

  @Test
  void drainingDuringTheWarmUpDrains() throws Exception {
    ColdStart db = new ColdStart();
    Probes probes = probes().check(Check.builder("db", db).build()).build();
    server = TestServer.start(probes);
    try {
      probes.startDraining();
      assertThat(probes.state()).isEqualTo(Probes.State.DRAINING);
      assertThat(server.answer("/readyz")).isEqualTo("503 draining");
    } finally {
      db.connected.countDown();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> db.executions.get() == 1 && probes
        .engine().named(null, "db").get(0).isIdle());
    assertThat(probes.state()).as("the warm-up's end reopens nothing").isEqualTo(Probes.State.DRAINING);
  }

  @Test
  void aBackgroundRunTheLaneRejectsIsNoResultAndIsTriedAgain() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    AtomicInteger refreshes = new AtomicInteger();
    AtomicInteger firstRuns = new AtomicInteger();
    // One thread, no queue: while the db check holds it, a background run cannot start.
    Probes probes = probes().executorThreads(1).queueCapacity(0)
        .check(Check.builder("cache", ctx -> {
          refreshes.incrementAndGet();
          return CheckResult.up();
        }).refreshEvery(Duration.ofSeconds(10)).build())
        .check(Check.builder("db", ctx -> firstRuns.getAndIncrement() == 0 ? CheckResult.up()
            : db.check(ctx)).build())
        .build();
    server = TestServer.start(probes);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
      assertThat(refreshes).as("the warm-up is the first run").hasValue(1);

      CompletableFuture<HttpResponse<String>> hung = server.getAsync("/readyz/db");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      time.advance(10 * SECOND); // the refresh finds the lane full

      assertThat(hung.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      assertThat(refreshes).hasValue(1);
      assertThat(server.answer("/readyz/cache")).as("the latest result stands").isEqualTo("200 ok");
    } finally {
      db.release.countDown();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.engine().named(null, "db").get(0).isIdle());
    time.advance(SECOND); // a tenth of the period: tried again
    await().atMost(Duration.ofSeconds(5)).until(() -> refreshes.get() == 2);
    assertThat(server.answer("/readyz/cache?verbose")).isEqualTo("200 [+]cache ok, up since "
        + "2026-01-01T00:00:00Z, last success 2026-01-01T00:00:11Z\nreadyz check passed");
  }

  @Test
  void aHealthyCheckAfterOneThatTakesTheWholeWarmUpIsNotCountedDown() throws Exception {
    ColdStart db = new ColdStart(); // its dependency is down: never connects during the warm-up
    ColdStart cache = new ColdStart(); // healthy, but its first run has almost no time left
    Probes probes = probes().executorThreads(1) // one chain: cache waits behind db
        .check(Check.builder("db", db).build())
        .check(Check.builder("cache", cache).refreshEvery(Duration.ofSeconds(30)).build())
        .build();
    server = TestServer.start(probes);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> db.executions.get() == 1);
      time.advance(10 * SECOND); // db takes the whole warm-up: its timeout is no verdict
      await().atMost(Duration.ofSeconds(5)).until(() -> cache.executions.get() == 1);
      time.advance(1_000_000); // cache's first run is cut off by the warm-up's end
      cache.connected.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
      assertThat(probes.engine().named(null, "db").get(0).up()).as("db: no verdict yet").isNull();

      time.advance(5 * SECOND);
      assertThat(server.answer("/readyz/cache")).isEqualTo("200 ok");
    } finally {
      db.connected.countDown();
      cache.connected.countDown();
    }
  }

  @Test
  void aCheckTheWarmUpCouldNotStartIsRunByTheFirstProbe() throws Exception {
    ColdStart db = new ColdStart();
    AtomicInteger cacheRuns = new AtomicInteger();
    Probes probes = probes().executorThreads(1).queueCapacity(0)
        .check(Check.builder("db", db).build())
        .check(Check.builder("cache", ctx -> {
          cacheRuns.incrementAndGet();
          return CheckResult.up();
        }).build())
        .build();
    server = TestServer.start(probes);
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> db.executions.get() == 1);
      time.advance(10 * SECOND); // db's thread is still unwinding when cache's turn comes
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    } finally {
      db.connected.countDown();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.engine().named(null, "db").get(0).isIdle());
    // Rejected in the warm-up, which is no verdict: the first probe runs it.
    assertThat(server.answer("/readyz/cache")).isEqualTo("200 ok");
    assertThat(cacheRuns).hasValue(1);
  }

  @Test
  void backgroundChecksRunAgainWithinAPeriodOfTheWarmUpSpreadOverIt() throws Exception {
    AtomicInteger runsA = new AtomicInteger();
    AtomicInteger runsB = new AtomicInteger();
    Probes probes = probes()
        .check(Check.builder("a", ctx -> {
          runsA.incrementAndGet();
          return CheckResult.up();
        }).refreshEvery(Duration.ofSeconds(10)).maxAge(Duration.ofSeconds(11)).build())
        .check(Check.builder("b", ctx -> {
          runsB.incrementAndGet();
          return CheckResult.up();
        }).refreshEvery(Duration.ofSeconds(10)).maxAge(Duration.ofSeconds(11)).build())
        .build();
    server = TestServer.start(probes);
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    time.advance(5 * SECOND); // half a period: a's turn
    await().atMost(Duration.ofSeconds(5)).until(() -> runsA.get() == 2);
    assertThat(runsB).hasValue(1);
    time.advance(5 * SECOND); // a period: b's turn, one second before its result would be stale
    await().atMost(Duration.ofSeconds(5)).until(() -> runsB.get() == 2);
    for (int second = 1; second <= 12; second++) {
      time.advance(SECOND);
      // A refresh that came due has run before the clock moves on: on a busy machine its
      // thread can start later than the next second of fake time, which would be its deadline.
      awaitIdle(probes, "a", "b");
      assertThat(server.answer("/readyz")).as("at %d s", 10 + second).isEqualTo("200 ok");
    }
  }

  private static void awaitIdle(Probes probes, String... checks) {
    for (String check : checks) {
      await().atMost(Duration.ofSeconds(5))
          .until(() -> probes.engine().named(null, check).get(0).isIdle());
    }
  }
}
