/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.HealthCheck;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import dev.isoprobe.TestServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyProbesTest {

  private static final int PROBES = 8;
  private static final long STOP_TIMEOUT_MILLIS = 2_000;
  private static final Duration TOLERANCE = Duration.ofMillis(300);

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  /** Probes that isoprobe's filter has returned from: they are in flight, answered asynchronously. */
  private final AtomicInteger handedOver = new AtomicInteger();
  private Probes probes;
  private TestServer server;

  @AfterEach
  void cleanUp() {
    release.countDown();
    if (server != null) {
      server.close();
    }
    if (probes != null) {
      probes.close();
    }
  }

  @Test
  void stopAnswersEveryProbeInFlightAgainstAHungCheckAndLeavesNoIsoprobeThread() throws Exception {
    start(hung(), Duration.ZERO, STOP_TIMEOUT_MILLIS);
    List<CompletableFuture<HttpResponse<String>>> inFlight = probesInFlight();

    Duration took = timeStop();

    assertThat(took).isLessThan(Duration.ofMillis(STOP_TIMEOUT_MILLIS).plus(TOLERANCE));
    for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
      HttpResponse<String> response = probe.get(2, TimeUnit.SECONDS); // a reset would throw here
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("shutting down");
    }
    assertThat(probes.liveThreads()).isEmpty();
    // Only the thread that completed the shutdown future may still be on its way out.
    await().atMost(Duration.ofSeconds(2)).until(() -> TestChecks.liveThreads("isoprobe") == 0);
  }

  @Test
  void stopReturnsWithinTheStopTimeoutWhenACheckIgnoresInterrupts() throws Exception {
    start(ctx -> {
      entered.countDown();
      TestChecks.awaitIgnoringInterrupts(release); // the check thread outlives the shutdown
      return CheckResult.up();
    }, Duration.ZERO, STOP_TIMEOUT_MILLIS);
    List<CompletableFuture<HttpResponse<String>>> inFlight = probesInFlight();

    Duration took = timeStop();

    assertThat(took).isLessThan(Duration.ofMillis(STOP_TIMEOUT_MILLIS).plus(TOLERANCE));
    for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
      assertThat(probe.get(2, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
    }
    List<Thread> survivors = probes.liveThreads();
    assertThat(survivors).extracting(Thread::getName).containsExactly("isoprobe-check-1");
    assertThat(survivors.get(0).isDaemon()).isTrue();

    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(() -> TestChecks.liveThreads("isoprobe") == 0);
  }

  @Test
  void readinessAnswersDrainingDuringTheDrainDelayWhileLivenessAndTheAppAnswer() throws Exception {
    Duration drainDelay = Duration.ofMillis(1_500);
    start(ctx -> CheckResult.up(), drainDelay, STOP_TIMEOUT_MILLIS);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    long start = System.nanoTime();
    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> LifeCycle.stop(server.jetty));
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .until(() -> get("/readyz").statusCode() == 503);

    assertThat(get("/readyz").body()).isEqualTo("draining");
    HttpResponse<String> liveness = get("/livez");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("ok");
    assertThat(get("/hello").body()).isEqualTo("hello");
    assertThat(stopped).isNotDone();

    stopped.get(drainDelay.toMillis() + STOP_TIMEOUT_MILLIS + TOLERANCE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(drainDelay);
    assertThat(server.jetty.isStopped()).isTrue();
  }

  @Test
  void probesRunBeforeFiltersAlreadyInstalled() throws Exception {
    probes = Probes.builder().check(Check.builder("db", ctx -> CheckResult.up()).build()).build();
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder refuseAll = new FilterHolder((request, response, chain) ->
        ((HttpServletResponse) response).sendError(403));
    context.addFilter(refuseAll, "/*", EnumSet.of(DispatcherType.REQUEST));
    JettyProbes.install(context, probes);
    startServer(context, STOP_TIMEOUT_MILLIS);

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/hello").statusCode()).isEqualTo(403);
  }

  @Test
  void refusesToStartWithoutAStopTimeoutNamingTheSetting() {
    probes = Probes.builder().build();
    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes);

    assertThatThrownBy(() -> startServer(context, 0))
        .hasStackTraceContaining("Server.stopTimeout: 0 (expected: > 0");
  }

  @Test
  void rejectsANegativeOrAbsurdDrainDelayNamingIt() {
    probes = Probes.builder().build();
    ServletContextHandler context = new ServletContextHandler("/");

    assertThatThrownBy(() -> JettyProbes.install(context, probes, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drainDelay: PT-0.001S (expected: >= 0)");
    assertThatThrownBy(() -> JettyProbes.install(context, probes, Duration.ofDays(2)))
        .hasMessage("drainDelay: PT48H (expected: <= PT10M)");
  }

  private HealthCheck hung() {
    return ctx -> {
      entered.countDown();
      new CountDownLatch(1).await();
      return CheckResult.up();
    };
  }

  private void start(HealthCheck check, Duration drainDelay, long stopTimeoutMillis) throws Exception {
    probes = Probes.builder()
        .deadline(Duration.ofSeconds(10))
        .check(Check.builder("db", check).groups(Group.READINESS).build())
        .build();
    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes, drainDelay);
    startServer(context, stopTimeoutMillis);
  }

  private void startServer(ServletContextHandler context, long stopTimeoutMillis) throws Exception {
    FilterHolder counter = new FilterHolder(TestServer.counting(handedOver));
    counter.setName("counter");
    counter.setAsyncSupported(true);
    FilterMapping mapping = new FilterMapping();
    mapping.setFilterName("counter");
    mapping.setPathSpec("/*");
    context.getServletHandler().prependFilter(counter);
    context.getServletHandler().prependFilterMapping(mapping);
    context.addServlet(new ServletHolder(new TestServer.Hello()), "/hello");
    server = TestServer.builder().stopTimeout(stopTimeoutMillis).handler(context)
        .requestTimeout(Duration.ofSeconds(10)).start();
  }

  private List<CompletableFuture<HttpResponse<String>>> probesInFlight() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      inFlight.add(server.getAsync("/readyz"));
    }
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> handedOver.get() == PROBES);
    assertThat(inFlight).noneMatch(CompletableFuture::isDone);
    return inFlight;
  }

  private Duration timeStop() throws Exception {
    long start = System.nanoTime();
    server.jetty.stop();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return server.get(path);
  }
}
