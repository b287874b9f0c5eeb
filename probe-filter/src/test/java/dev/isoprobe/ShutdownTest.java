package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Draining and stopping, as the core offers them to the shutdown integrations. */
class ShutdownTest {

  @Test
  void drainingFailsReadinessAndHealthButNotLivenessOrStartup() throws Exception {
    try (TestServer server = TestServer.start(Probes.builder().build())) {
      server.probes.startDraining();

      HttpResponse<String> readiness = server.get("/readyz");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).isEqualTo("draining");
      assertThat(server.get("/readyz", "application/json").body())
          .isEqualTo("{\"probe\":\"readyz\",\"status\":\"DOWN\",\"reason\":\"draining\",\"checks\":[]}");
      assertThat(server.get("/healthz").statusCode()).isEqualTo(503);
      assertThat(server.get("/livez").statusCode()).isEqualTo(200);
      assertThat(server.get("/startupz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shutdownAnswersProbesInFlightAndEndsCheckThreads() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(30))
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        inFlight.add(server.getAsync("/readyz"));
      }
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 4);

      assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();

      for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
        HttpResponse<String> response = probe.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("shutting down");
      }
      assertThat(db.sawInterrupt).isTrue();
      assertThat(TestChecks.liveThreads("isoprobe-check-")).isZero();
      assertThat(server.get("/livez").body()).isEqualTo("shutting down");
    }
  }
}
