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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every probe is answered by its deadline, whatever the check does: on real Jetty, with every
 * deadline, sweep and duration on a fake clock, so that the times asserted are exact. One test
 * keeps the real clock, to show the fake one hides nothing.
 */
class DeadlineTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** The deadline less its least answer reserve, a thirty-second: 484.375 ms. */
  private static final long CUT_NANOS = DEADLINE.toNanos() - DEADLINE.toNanos() / 32;
  private static final long MS = 1_000_000;

  private final FakeTime time = new FakeTime();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(Clock clock, Check... checks) throws Exception {
    Probes.Builder builder = Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(clock)
        .warmUp(Duration.ZERO); // each execution starts with the probe that runs it
    for (Check check : checks) {
      builder.check(check);
    }
    server = TestServer.start(builder.build());
    return server;
  }

  /** Sends a probe and returns once the filter has it waiting in flight, the clock not moved. */
  private CompletableFuture<HttpResponse<String>> probeInFlight(String path) {
    int before = server.probes.inFlight().size();
    CompletableFuture<HttpResponse<String>> response = server.getAsync(path);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.probes.inFlight().size() > before);
    return response;
  }

  @Test
  void blockingCheckIsTimedOutInterruptedAndCancelledExactlyAtItsCutDeadline() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(time, Check.builder("db", db).build());

    CompletableFuture<HttpResponse<String>> response = probeInFlight("/readyz");
    time.advance(CUT_NANOS - 1);
    assertThat(server.probes.inFlight().size()).as("in flight a nanosecond before").isEqualTo(1);
    assertThat(db.sawInterrupt).isFalse();

    time.advance(1);
    HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).isEqualTo("[-]db failed: timeout after 484ms\nreadyz check failed");
    await().atMost(Duration.ofSeconds(2)).untilTrue(db.sawInterrupt);
    assertThat(db.sawCancel).isTrue();
  }

  @Test
  void spinningCheckIsAnsweredAtItsDeadlineAndThenReportedStuckForExactlyAsLong() throws Exception {
    TestChecks.Spinning spinner = new TestChecks.Spinning();
    try {
      start(time, Check.builder("spinner", spinner).build());

      CompletableFuture<HttpResponse<String>> first = probeInFlight("/readyz");
      time.advance(CUT_NANOS);
      assertThat(first.get(5, TimeUnit.SECONDS).body())
          .isEqualTo("[-]spinner failed: timeout after 484ms\nreadyz check failed");

      time.advance(1_000 * MS - CUT_NANOS);
      HttpResponse<String> second = server.get("/readyz");
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.body()).isEqualTo("[-]spinner failed: stuck for 1000ms\nreadyz check failed");
      assertThat(spinner.executions).hasValue(1);
    } finally {
      spinner.spin = false;
    }
  }

  @Test
  void throwingCheckIsAnErrorWithoutItsMessage() throws Exception {
    start(time, Check.builder("db", ctx -> {
      throw new IllegalStateException("jdbc:postgresql://admin:hunter2@db.internal/app refused");
    }).build());

    HttpResponse<String> text = server.get("/readyz");
    HttpResponse<String> json = server.get("/readyz", "application/json");

    assertThat(text.statusCode()).isEqualTo(503);
    assertThat(text.body()).isEqualTo("[-]db failed: error\nreadyz check failed");
    assertThat(json.body()).contains("\"outcome\":\"error\"")
        .doesNotContain("hunter2").doesNotContain("db.internal").doesNotContain("IllegalState");
  }

  @Test
  void checkSlowerThanItsOwnTimeoutTimesOutAtThatTimeoutNotAtTheDeadline() throws Exception {
    TestChecks.Blocking slow = new TestChecks.Blocking();
    start(time, Check.builder("slow", slow).timeout(Duration.ofMillis(100)).build(),
        Check.builder("fast", ctx -> CheckResult.up()).build());

    CompletableFuture<HttpResponse<String>> response = probeInFlight("/readyz?verbose");
    time.advance(100 * MS - 1);
    assertThat(server.probes.inFlight().size()).isEqualTo(1);
    time.advance(1);

    HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(503);
    // Times on the fake clock: the fast check answered at once, the slow one at its timeout.
    assertThat(answer.body())
        .contains("[+]fast ok, up since 2026-01-01T00:00:00Z, last success 2026-01-01T00:00:00Z\n")
        .contains("[-]slow failed: timeout after 100ms, down since 2026-01-01T00:00:00.100Z,"
            + " last success never\n");
  }

  @Test
  void watchdogAnswersAtItsFirstSweepPastTheBackstopWhenTheDeadlineTimerIsHeldUp()
      throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(time, Check.builder("db", db).build());
    time.timer("timer").held = true; // as a log appender that blocks would hold the real one

    try (LogCapture logs = LogCapture.start()) {
      CompletableFuture<HttpResponse<String>> response = probeInFlight("/readyz");
      // Sweeps come once a second from the first probe; the first past deadline + backstop
      // (2.5 s) is the third.
      time.advance(3 * InFlight.SWEEP_PERIOD.toNanos() - 1);
      assertThat(server.probes.inFlight().size()).isEqualTo(1);
      time.advance(1);
      assertThat(server.probes.inFlight().size()).isZero();

      HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).isEqualTo("timeout");
      assertThat(logs.lines()).contains("WARN dev.isoprobe.InFlight - 1 probe(s) still unanswered "
          + "2000 ms past the deadline were answered 503 timeout by the watchdog: the deadline "
          + "timer or the answer writers are held up, or the machine is overloaded; "
          + "isoprobe-timer-<n> and isoprobe-answer-<n> in a thread dump show by what");

      // The next sweep counts it among the probes answered late: 2.5 s past its deadline.
      time.advance(InFlight.SWEEP_PERIOD.toNanos());
      assertThat(logs.lines()).contains("WARN dev.isoprobe.InFlight - 1 probe(s) were answered "
          + "more than 15 ms after their 500 ms deadline, the latest 2500 ms after it: the machine "
          + "is short of CPU for the probe rate; the process's CPU use and isoprobe-answer-<n> in "
          + "a thread dump show where it goes");
    }
  }

  @Test
  void nullResultIsAnError() throws Exception {
    start(time, Check.builder("broken", ctx -> null).build());

    assertThat(server.get("/readyz").body()).isEqualTo("[-]broken failed: error\nreadyz check failed");
  }

  @Test
  void onTheRealClockABlockingCheckIsAnsweredByTheDeadline() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(Clock.system(), Check.builder("db", db).build());

    long start = System.nanoTime();
    HttpResponse<String> response = server.get("/readyz");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(503);
    java.util.regex.Matcher body = java.util.regex.Pattern
        .compile("\\[-]db failed: timeout after (\\d+)ms\nreadyz check failed").matcher(response.body());
    assertThat(body.matches()).as(response.body()).isTrue();
    long reportedMillis = Long.parseLong(body.group(1));
    assertThat(reportedMillis).isBetween(CUT_NANOS / MS, tookMillis);
    // The 484 ms cut, plus one HTTP round trip and a timer wake-up on a loaded two-core machine
    // (measured under 30 ms there; ten times that is allowed before this counts as late).
    assertThat(tookMillis).isBetween(CUT_NANOS / MS, DEADLINE.toMillis() + 300);
  }
}
