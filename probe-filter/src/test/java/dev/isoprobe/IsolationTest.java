/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Probes stay out of each other's way, and out of the application's way. */
class IsolationTest {

  @Test
  void livenessAnswersAtOnceWhileEveryReadinessCheckHangsAndThePoolIsFull() throws Exception {
    TestChecks.Blocking first = new TestChecks.Blocking();
    TestChecks.Blocking second = new TestChecks.Blocking();
    TestChecks.Blocking third = new TestChecks.Blocking();
    // On the fake clock "at once" is exact: liveness is answered while the clock stands still,
    // waiting for no readiness deadline (a 300 ms wall-clock bound raced a loaded machine).
    FakeTime time = new FakeTime();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(2)).clock(time)
        .executorThreads(2).queueCapacity(0)
        .check(Check.builder("first", first).build())
        .check(Check.builder("second", second).build())
        .check(Check.builder("third", third).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      var readiness = server.getAsync("/readyz?verbose");
      assertThat(first.started.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(second.started.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);

      // Answered with the clock standing still: queued behind readiness, it would wait for
      // readiness's deadline, which never comes until the test moves the clock.
      HttpResponse<String> liveness = server.get("/livez?verbose");

      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(liveness.body())
          .matches("\\[\\+]deadlock ok" + TestChecks.UP_SINCE + "\nlivez check passed");
      assertThat(readiness).as("readiness waits for its deadline").isNotDone();
      time.advance(Duration.ofSeconds(2).toNanos());
      HttpResponse<String> rejected = readiness.get(10, TimeUnit.SECONDS);
      assertThat(rejected.statusCode()).isEqualTo(503);
      assertThat(rejected.body()).containsPattern("\\[-]third failed: rejected, down since "
          + TestChecks.TIME + ", last success never\n");
      assertThat(third.executions).hasValue(0);
    } finally {
      first.release.countDown();
      second.release.countDown();
    }
  }

  @Test
  void clientThatHangsUpDoesNotCancelTheCheck() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    // No warm-up: the run the impatient probe starts is the only one, and the patient joins it.
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(10)).warmUp(Duration.ZERO)
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      HttpRequest impatient = HttpRequest.newBuilder(server.uri("/readyz"))
          .timeout(Duration.ofMillis(200)).build();
      assertThat(server.client.sendAsync(impatient, HttpResponse.BodyHandlers.ofString()))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(HttpTimeoutException.class);
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      int inFlight = probes.inFlight().size(); // the impatient one's, answered at the release

      var patient = server.getAsync("/readyz");
      // In flight before the release: arriving after it, it would start a run of its own.
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == inFlight + 1);
      await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
          .until(() -> !patient.isDone() && !db.sawInterrupt.get());
      db.release.countDown();

      assertThat(patient.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(db.sawInterrupt).isFalse();
      assertThat(db.sawCancel).isFalse();
      assertThat(db.executions).hasValue(1);
    }
  }

  @Test
  void nonProbeRequestIsUntouchedAndNeverAsync() throws Exception {
    HttpResponse<String> withFilter;
    HttpResponse<String> withoutFilter;
    try (TestServer server = TestServer.start(Probes.builder().build())) {
      withFilter = server.get("/business/orders?verbose&exclude=x");
      assertThat(server.get("/readyzz").statusCode()).isEqualTo(404);
      assertThat(server.get("/business/readyz").body()).isEqualTo(TestServer.BUSINESS_BODY);
      assertThat(server.asyncBusinessRequests).hasValue(0);
    }
    try (TestServer server = TestServer.startWithoutFilter()) {
      withoutFilter = server.get("/business/orders?verbose&exclude=x");
    }
    assertThat(withFilter.statusCode()).isEqualTo(withoutFilter.statusCode()).isEqualTo(200);
    assertThat(withFilter.body()).isEqualTo(withoutFilter.body()).isEqualTo(TestServer.BUSINESS_BODY);
    var headersWith = new java.util.TreeMap<>(withFilter.headers().map());
    var headersWithout = new java.util.TreeMap<>(withoutFilter.headers().map());
    headersWith.remove("date");
    headersWithout.remove("date");
    assertThat(headersWith).isEqualTo(headersWithout);
  }

  @Test
  void probePathsLiveUnderTheContextPath() throws Exception {
    try (TestServer server = TestServer.start(Probes.builder().build(), "/app", true)) {
      assertThat(server.get("/app/readyz").body()).isEqualTo("ok");
      assertThat(server.get("/app/business/x").body()).isEqualTo(TestServer.BUSINESS_BODY);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void filterWithoutAsyncSupportStillAnswersAtTheDeadline() throws Exception {
    FakeTime time = new FakeTime();
    TestChecks.Blocking db = new TestChecks.Blocking();
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).clock(time)
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes, "/", false)) {
      java.util.concurrent.CompletableFuture<HttpResponse<String>> response = server.getAsync("/readyz");
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
          .until(() -> probes.inFlight().size() == 1);
      // The deadline less a thirty-second: 290.625 ms.
      time.advance(Duration.ofMillis(300).toNanos() * 31 / 32);

      HttpResponse<String> answer = response.get(5, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.body()).isEqualTo("[-]db failed: timeout after 290ms\nreadyz check failed");
    }
  }
}
