/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failure and success thresholds as probes see them, on real Jetty, every time on a fake clock:
 * the status, and each body format's account of what the thresholds have counted.
 */
class HysteresisTest {

  private static final long SECOND = 1_000_000_000L;

  private final FakeTime time = new FakeTime();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Probes.Builder builder) throws Exception {
    // Every execution is a probe's: the counts start with the first probe.
    server = TestServer.start(builder.deadlockCheck(false).clock(time).warmUp(Duration.ZERO).build());
  }

  @Test
  void aCheckThatFlapsEveryExecutionKeepsReadinessUpBehindThresholdsThreeAndTwo() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    // Up, down, up, down, ...: every second execution fails.
    start(Probes.builder().failureThreshold(3).successThreshold(2).check(Check.builder("db",
        ctx -> executions.getAndIncrement() % 2 == 0 ? CheckResult.up() : CheckResult.down()).build()));

    for (int probe = 0; probe < 40; probe++) {
      time.advance(SECOND);
      HttpResponse<String> response = server.get("/readyz");
      assertThat(response.statusCode()).as("probe %d", probe).isEqualTo(200);
      assertThat(response.body()).as("probe %d", probe).isEqualTo(probe % 2 == 0 ? "ok"
          : "[+]db ok (1 of 3 failures: down)\nreadyz check passed");
    }
    assertThat(executions).hasValue(40);
  }

  @Test
  void thresholdsOfOneAnswerEveryOutcomeAsItComesAsWithoutThem() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    start(Probes.builder().check(Check.builder("db",
        ctx -> executions.getAndIncrement() % 2 == 0 ? CheckResult.up() : CheckResult.down()).build()));

    for (int probe = 0; probe < 6; probe++) {
      assertThat(server.get("/readyz").statusCode()).isEqualTo(probe % 2 == 0 ? 200 : 503);
    }
  }

  @Test
  void aDependencyThatGoesAwayIsDownAtTheThirdFailureAndBackAtTheSecondSuccess() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    start(Probes.builder().check(Check.builder("db",
            ctx -> healthy.get() ? CheckResult.up() : CheckResult.down())
        .failureThreshold(3).successThreshold(2).build()));

    assertThat(server.get("/readyz?verbose").body()).isEqualTo(
        "[+]db ok, up since 2026-01-01T00:00:00Z, last success 2026-01-01T00:00:00Z\n"
            + "readyz check passed");
    healthy.set(false);
    time.advance(10 * SECOND);
    assertThat(answer("/readyz?verbose")).isEqualTo("200 [+]db ok (1 of 3 failures: down), up"
        + " since 2026-01-01T00:00:00Z, last success 2026-01-01T00:00:00Z\nreadyz check passed");
    time.advance(10 * SECOND);
    assertThat(answer("/readyz")).isEqualTo("200 [+]db ok (2 of 3 failures: down)\nreadyz check passed");
    time.advance(10 * SECOND);
    assertThat(answer("/readyz?verbose")).isEqualTo("503 [-]db failed: down, down since"
        + " 2026-01-01T00:00:30Z, last success 2026-01-01T00:00:00Z\nreadyz check failed");

    healthy.set(true);
    time.advance(10 * SECOND);
    assertThat(answer("/readyz?verbose")).isEqualTo("503 [-]db failed: recovering, 1 of 2 successes,"
        + " down since 2026-01-01T00:00:30Z, last success 2026-01-01T00:00:40Z\nreadyz check failed");
    time.advance(10 * SECOND);
    assertThat(answer("/readyz?verbose")).isEqualTo("200 [+]db ok, up since 2026-01-01T00:00:50Z,"
        + " last success 2026-01-01T00:00:50Z\nreadyz check passed");
  }

  @Test
  void bothJsonFormatsSayWhatTheThresholdsCountedAndWhen() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    start(Probes.builder().failureThreshold(3).successThreshold(2).check(Check.builder("db",
        ctx -> healthy.get() ? CheckResult.up() : CheckResult.down()).build()));
    server.get("/readyz");
    healthy.set(false);
    time.advance(SECOND);

    HttpResponse<String> json = server.get("/readyz", "application/json");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).isEqualTo("{\"probe\":\"readyz\",\"status\":\"UP\",\"checks\":[{\"name\":"
        + "\"db\",\"status\":\"UP\",\"outcome\":\"down\",\"durationMs\":0,\"failures\":1,"
        + "\"failureThreshold\":3,\"since\":\"2026-01-01T00:00:00Z\","
        + "\"lastSuccess\":\"2026-01-01T00:00:00Z\"}]}");

    time.advance(SECOND);
    HttpResponse<String> health = server.get("/readyz", "application/health+json");
    assertThat(health.statusCode()).isEqualTo(200);
    // The draft's "warn": healthy, with some concerns. "time" is when the reading was made.
    assertThat(health.body()).isEqualTo("{\"status\":\"warn\",\"description\":\"readyz\",\"checks\":"
        + "{\"db:duration\":[{\"status\":\"warn\",\"observedValue\":0,\"observedUnit\":\"ms\","
        + "\"time\":\"2026-01-01T00:00:02Z\",\"output\":\"2 of 3 failures: down\","
        + "\"since\":\"2026-01-01T00:00:00Z\",\"lastSuccess\":\"2026-01-01T00:00:00Z\"}]}}");

    time.advance(SECOND);
    assertThat(server.get("/readyz").statusCode()).isEqualTo(503); // the third failure
    healthy.set(true);
    time.advance(SECOND);
    HttpResponse<String> recovering = server.get("/readyz", "application/json");
    assertThat(recovering.statusCode()).isEqualTo(503);
    assertThat(recovering.body()).isEqualTo("{\"probe\":\"readyz\",\"status\":\"DOWN\",\"checks\":"
        + "[{\"name\":\"db\",\"status\":\"DOWN\",\"outcome\":\"up\",\"durationMs\":0,"
        + "\"successes\":1,\"successThreshold\":2,\"since\":\"2026-01-01T00:00:03Z\","
        + "\"lastSuccess\":\"2026-01-01T00:00:04Z\"}]}");
  }

  private String answer(String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    return response.statusCode() + " " + response.body();
  }
}
