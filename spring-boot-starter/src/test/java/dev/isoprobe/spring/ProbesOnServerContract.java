/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.spring.ControllableHealthIndicator.Mode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * What a user sees on a real server: run by one subclass per servlet container, each on an
 * ephemeral loopback port with real HTTP clients. The application is secured by Spring
 * Security's defaults and has a {@code db} indicator that can hang.
 */
abstract class ProbesOnServerContract {

  /** {@code isoprobe.timeout} in the test application.properties. */
  static final long DEADLINE_MILLIS = 500;
  /**
   * What a probe of the storm may take beyond the deadline as the client measures it: 32
   * requests sent at once, their connections set up and their threads scheduled on a 2-core
   * machine that other processes keep busy (1,722 ms in all with two CPU-bound loops and other
   * builds beside the suite, load 25; 300 ms of slack was exceeded). A probe the deadline did not
   * answer would be held by the indicator, which ignores interrupts, until the 10 s wait; the
   * exact deadline is asserted on a fake clock in probe-filter.
   */
  static final long TOLERANCE_MILLIS = 1_500;
  static final int CONCURRENT_PROBES = 32;

  @LocalServerPort
  int port;

  @Autowired
  ControllableHealthIndicator db;

  @Autowired
  WebServerApplicationContext context;

  @Autowired
  MeterRegistry meters;

  Http http;

  /** Returns how the name of the web server class the subclass expects starts. */
  abstract String expectedWebServer();

  @BeforeEach
  void connect() {
    http = new Http(port);
    assertThat(context.getWebServer().getClass().getSimpleName()).startsWith(expectedWebServer());
  }

  @AfterEach
  void healAndWaitUntilReady() {
    db.heal();
    await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/readyz").statusCode() == 200);
  }

  @Test
  void theFourPathsAnswerWithoutCredentials() throws Exception {
    for (String path : List.of("/livez", "/readyz", "/startupz", "/healthz")) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).isEqualTo("ok");
      assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
    assertThat(http.get("/readyz?verbose").body())
        .contains("[+]db ok", "[+]readinessState ok").doesNotContain("deadlock", "livenessState");
    assertThat(http.get("/livez?verbose").body())
        .contains("[+]deadlock ok", "[+]livenessState ok").doesNotContain("db");
    assertThat(http.get("/healthz?verbose").body()).contains("[+]db ok", "[+]deadlock ok");
    assertThat(http.get("/readyz/db").statusCode()).isEqualTo(200);
    assertThat(http.get("/readyz/nosuch").statusCode()).isEqualTo(404);
    assertThat(http.send(http.request("/readyz").header("Accept", "application/json").build()).body())
        .startsWith("{\"probe\":\"readyz\",\"status\":\"UP\"");
    HttpResponse<String> head = http.send(http.request("/livez").method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void probesAreAnsweredAheadOfSpringSecurityWhileTheApplicationStaysSecured() throws Exception {
    assertThat(http.get("/hello").statusCode()).isEqualTo(401);
    HttpResponse<String> hello = http.getWithCredentials("/hello");
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello");
    // Spring Security would answer a POST without a CSRF token 401/403; isoprobe answers first.
    HttpResponse<String> post = http.send(http.request("/readyz")
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void probesAreCountedInTheApplicationsMeterRegistry() throws Exception {
    double live = requests("livez", "200");
    double unknown = requests("readyz", "404");
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/livez").statusCode()).isEqualTo(200);
    }
    assertThat(http.get("/readyz/nosuch").statusCode()).isEqualTo(404);
    // Counted as the answer is written: the client may see it a moment before the count.
    await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
      assertThat(requests("livez", "200") - live).isEqualTo(3);
      assertThat(requests("readyz", "404") - unknown).isEqualTo(1);
    });
  }

  private double requests(String probe, String status) {
    Counter counter = meters.find("isoprobe.probe.requests")
        .tags("probe", probe, "status", status).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void actuatorsHealthEndpointKeepsWorkingBesideIsoprobe() throws Exception {
    HttpResponse<String> health = http.getWithCredentials("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void hangingIndicatorIsAnsweredByTheDeadlineWithThreadsBounded() throws Exception {
    int callsBefore = db.calls();
    db.hang(Mode.HANG_IGNORING_INTERRUPTS);

    List<Http.Timed> first = storm();
    // One execution hangs; every other probe joined it or was told it is stuck.
    assertThat(db.calls() - callsBefore).isEqualTo(1);
    assertThat(db.hanging()).isEqualTo(1);
    for (Http.Timed probe : first) {
      assertThat(probe.status()).isEqualTo(503);
      assertThat(probe.body()).containsPattern("\\[-]db failed: (timeout after|stuck for) \\d+ms");
      assertThat(probe.millis()).isLessThanOrEqualTo(DEADLINE_MILLIS + TOLERANCE_MILLIS);
    }

    // While the dependency hangs: liveness and business traffic are unaffected.
    Http.Timed live = http.timed(http.request("/livez").build()).get(5, TimeUnit.SECONDS);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.millis()).isLessThanOrEqualTo(DEADLINE_MILLIS);
    assertThat(http.getWithCredentials("/hello").body()).isEqualTo("hello");

    // Stuck once the unwind grace has passed since its interrupt: every probe then says so.
    await().atMost(Duration.ofSeconds(5)).until(() -> http.timed(http.request("/readyz?verbose")
        .build()).get(5, TimeUnit.SECONDS).body().contains("[-]db failed: stuck for"));
    List<Http.Timed> second = storm();
    for (Http.Timed probe : second) {
      assertThat(probe.status()).isEqualTo(503);
      assertThat(probe.body()).contains("[-]db failed: stuck for");
    }
    assertThat(db.calls() - callsBefore).isEqualTo(1);
    // Bounded by the pool sizes (4 check threads, 2 liveness, 1 timer, 1 watchdog, 2 answer
    // writers), not by the probe count.
    assertThat(Threads.named("isoprobe-check-")).hasSizeBetween(1, 4);
    assertThat(Threads.named("isoprobe-")).hasSizeLessThanOrEqualTo(4 + 2 + 1 + 1 + 2);
  }

  private List<Http.Timed> storm() throws Exception {
    List<CompletableFuture<Http.Timed>> probes = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_PROBES; i++) {
      probes.add(http.timed(http.request("/readyz?verbose").build()));
    }
    CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    return probes.stream().map(CompletableFuture::join).collect(Collectors.toList());
  }
}
