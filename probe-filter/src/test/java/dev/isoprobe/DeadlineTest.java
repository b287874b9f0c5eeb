package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every probe is answered by its deadline, whatever the check does. */
class DeadlineTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** Scheduling slack on a loaded two-core machine; the deadline itself is what is asserted. */
  private static final long TOLERANCE_MILLIS = 400;

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(Check... checks) throws Exception {
    Probes.Builder builder = Probes.builder().deadline(DEADLINE);
    for (Check check : checks) {
      builder.check(check);
    }
    server = TestServer.start(builder.build());
    return server;
  }

  @Test
  void blockingCheckIsTimedOutInterruptedAndCancelledAtTheDeadline() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(Check.builder("db", db).build());

    long start = System.nanoTime();
    HttpResponse<String> response = server.get("/readyz");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).matches("(?s)\\[-]db failed: timeout after \\d+ms\nreadyz check failed");
    assertThat(tookMillis).isBetween(DEADLINE.toMillis() - 50, DEADLINE.toMillis() + TOLERANCE_MILLIS);
    await().atMost(Duration.ofSeconds(2)).untilTrue(db.sawInterrupt);
    assertThat(db.sawCancel).isTrue();
  }

  @Test
  void spinningCheckIsAnsweredByTheDeadlineAndThenReportedStuck() throws Exception {
    TestChecks.Spinning spinner = new TestChecks.Spinning();
    try {
      start(Check.builder("spinner", spinner).build());

      long start = System.nanoTime();
      HttpResponse<String> first = server.get("/readyz");
      long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      HttpResponse<String> second = server.get("/readyz");

      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(first.body()).contains("[-]spinner failed: timeout after");
      assertThat(firstMillis).isLessThanOrEqualTo(DEADLINE.toMillis() + TOLERANCE_MILLIS);
      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.body()).contains("[-]spinner failed: stuck for");
      assertThat(spinner.executions).hasValue(1);
    } finally {
      spinner.spin = false;
    }
  }

  @Test
  void throwingCheckIsAnErrorWithoutItsMessage() throws Exception {
    start(Check.builder("db", ctx -> {
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
  void checkSlowerThanItsOwnTimeoutTimesOutBeforeTheProbeDeadline() throws Exception {
    TestChecks.Blocking slow = new TestChecks.Blocking();
    start(Check.builder("slow", slow).timeout(Duration.ofMillis(100)).build(),
        Check.builder("fast", ctx -> CheckResult.up()).build());

    long start = System.nanoTime();
    HttpResponse<String> response = server.get("/readyz?verbose");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("[+]fast ok\n").contains("[-]slow failed: timeout after");
    assertThat(tookMillis).isBetween(100L, 100 + TOLERANCE_MILLIS);
  }

  @Test
  void watchdogAnswersProbesWhenTheDeadlineTimerIsHeldUp() throws Exception {
    TestChecks.Blocking blocker = new TestChecks.Blocking();
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(Check.builder("blocker", blocker).build(), Check.builder("db", db).build());
    // The overrun line is logged on the deadline timer: an appender that blocks there holds up
    // every deadline after it.
    try (LogCapture logs = LogCapture.start();
        BlockingLog held = BlockingLog.holdOn("check 'blocker' missed its deadline")) {
      CompletableFuture<HttpResponse<String>> blocked = server.getAsync("/readyz/blocker");
      assertThat(held.awaitHeld(Duration.ofSeconds(5))).isTrue();

      long start = System.nanoTime();
      HttpResponse<String> response = server.get("/readyz/db");
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("timeout");
      long overdueMillis = DEADLINE.plus(InFlight.BACKSTOP).toMillis();
      assertThat(tookMillis).isBetween(overdueMillis,
          overdueMillis + InFlight.SWEEP_PERIOD.toMillis() + TOLERANCE_MILLIS);
      // Logged by the watchdog once its sweep has answered: just after the client has its answer.
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(logs.lines())
          .anyMatch(line -> line.startsWith("WARN dev.isoprobe.InFlight - 1 probe(s) still "
              + "unanswered 2000 ms past the deadline were answered 503 timeout")));
      // And, by the sweep after, counted among the probes answered after their deadline.
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(logs.lines())
          .anyMatch(line -> line.matches("WARN dev\\.isoprobe\\.InFlight - 1 probe\\(s\\) were "
              + "answered more than \\d+ ms after their " + DEADLINE.toMillis() + " ms deadline, the "
              + "latest \\d+ ms after it: the machine is short of CPU for the probe rate.*")));
      held.release();
      assertThat(blocked.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
    }
  }

  @Test
  void nullResultIsAnError() throws Exception {
    start(Check.builder("broken", ctx -> null).build());

    assertThat(server.get("/readyz").body()).isEqualTo("[-]broken failed: error\nreadyz check failed");
  }
}
