/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.LogCapture;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import dev.isoprobe.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class GracefulShutdownTest {

  private static final int PROBES = 8;

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  /** Requests that isoprobe's filter returned from: async probes are in flight from then on. */
  private final AtomicInteger handedOver = new AtomicInteger();
  private Probes probes;
  private TestServer server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
    if (probes != null) {
      probes.close();
    }
  }

  @Test
  void readinessAnswersDrainingDuringTheDrainDelayWhileLivenessAndBusinessAnswer() throws Exception {
    start(ctx -> CheckResult.up());
    GracefulShutdown shutdown =
        GracefulShutdown.builder(probes).drainDelay(Duration.ofSeconds(30)).build();

    CompletableFuture<Void> stopped = shutdown.shutdown();

    assertThat(shutdown.state()).isEqualTo(Probes.State.DRAINING);
    HttpResponse<String> readiness = server.get("/readyz");
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(readiness.body()).isEqualTo("draining");
    HttpResponse<String> liveness = server.get("/livez");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("ok");
    assertThat(server.get("/hello").body()).isEqualTo("hello");
    assertThat(stopped).isNotDone();

    shutdown.drain().cancel(/* mayInterruptIfRunning= */ false); // the 30 s, ended by hand

    stopped.get(5, TimeUnit.SECONDS);
    assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
    HttpResponse<String> after = server.get("/livez");
    assertThat(after.statusCode()).isEqualTo(503);
    assertThat(after.body()).isEqualTo("shutting down");
  }

  @Test
  void answersEveryProbeInFlightAgainstAHungCheckAndLeavesNoIsoprobeThread() throws Exception {
    start(ctx -> {
      entered.countDown();
      new CountDownLatch(1).await();
      return CheckResult.up();
    });
    GracefulShutdown shutdown = GracefulShutdown.builder(probes).timeout(Duration.ofSeconds(2)).build();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      inFlight.add(server.getAsync("/readyz"));
    }
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> handedOver.get() == PROBES);
    assertThat(inFlight).noneMatch(CompletableFuture::isDone);

    long start = System.nanoTime();
    shutdown.shutdown().get(5, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofMillis(2_300));
    for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
      HttpResponse<String> response = probe.get(2, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("shutting down");
    }
    assertThat(probes.liveThreads()).isEmpty();
    await().atMost(Duration.ofSeconds(2)).until(() -> TestChecks.liveThreads("isoprobe") == 0);
  }

  @Test
  void logsACheckThreadThatIgnoresInterruptOnceWithItsStack() throws Exception {
    start(ctx -> {
      entered.countDown();
      TestChecks.awaitIgnoringInterrupts(release);
      return CheckResult.up();
    });
    try (LogCapture logs = LogCapture.start()) {
      GracefulShutdown shutdown =
          GracefulShutdown.builder(probes).timeout(Duration.ofMillis(200)).build();
      CompletableFuture<HttpResponse<String>> probe = server.getAsync("/readyz");
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      // The warm-up entered the check: the probe may not have reached the server yet. In flight
      // before the shutdown, as this test means it (on a loaded machine it was still connecting,
      // and was not answered within the 2 s below).
      await().atMost(Duration.ofSeconds(5)).until(() -> handedOver.get() == 1);

      shutdown.shutdown().get(5, TimeUnit.SECONDS);
      shutdown.shutdown().get(5, TimeUnit.SECONDS);

      assertThat(probe.get(2, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      List<ILoggingEvent> lines = logs.events(GracefulShutdown.class.getName());
      assertThat(lines).hasSize(1);
      ILoggingEvent line = lines.get(0);
      assertThat(line.getLevel()).isEqualTo(Level.WARN);
      assertThat(line.getFormattedMessage()).contains("isoprobe-check-1", "cannot keep the JVM up");
      assertThat(LogCapture.thrown(line).getStackTrace())
          .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("awaitIgnoringInterrupts"));
    }
    Thread survivor = probes.liveThreads().get(0);
    assertThat(survivor.isDaemon()).isTrue();

    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(() -> TestChecks.liveThreads("isoprobe") == 0);
  }

  @Test
  void cancellingTheDrainWaitEndsTheDrainDelayAtOnce() throws Exception {
    start(ctx -> CheckResult.up());
    GracefulShutdown shutdown = GracefulShutdown.builder(probes).drainDelay(Duration.ofMinutes(10)).build();

    CompletableFuture<Void> stopped = shutdown.shutdown();
    assertThat(shutdown.drain().cancel(/* mayInterruptIfRunning= */ false)).isTrue();

    stopped.get(5, TimeUnit.SECONDS);
    assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
  }

  @Test
  void awaitDrainedHoldsTheCallerForTheDrainDelayAndAnInterruptEndsIt() throws Exception {
    start(ctx -> CheckResult.up());
    try (LogCapture logs = LogCapture.start()) {
      GracefulShutdown shutdown =
          GracefulShutdown.builder(probes).drainDelay(Duration.ofSeconds(30)).build();
      CompletableFuture<Throwable> waited = new CompletableFuture<>();
      Thread stopping = new Thread(() -> {
        try {
          shutdown.awaitDrained();
          waited.complete(null);
        } catch (Throwable ended) {
          waited.complete(ended);
        }
      }, "stopping");
      stopping.start();

      await().atMost(Duration.ofSeconds(5)).until(() -> stopping.getState() == Thread.State.WAITING);
      assertThat(shutdown.state()).isEqualTo(Probes.State.DRAINING);
      assertThat(server.get("/readyz").body()).isEqualTo("draining");
      assertThat(logs.events(GracefulShutdown.class.getName())).singleElement().satisfies(line -> {
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage())
            .isEqualTo("isoprobe: readiness is draining; waiting PT30S before stopping");
      });
      stopping.interrupt();

      assertThat(waited.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      assertThat(shutdown.drain()).isCancelled();
      assertThat(shutdown.awaitStopped()).isTrue(); // the delay is over: no 30 s wait
      assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
    }
  }

  @Test
  void aDrainCutShortBeforeAnyoneWaitsLogsNoWait() throws Exception {
    start(ctx -> CheckResult.up());
    try (LogCapture logs = LogCapture.start()) {
      GracefulShutdown shutdown =
          GracefulShutdown.builder(probes).drainDelay(Duration.ofSeconds(30)).build();

      shutdown.drain().cancel(/* mayInterruptIfRunning= */ false); // as IsoprobeFilter.destroy()
      assertThat(shutdown.awaitStopped()).isTrue();

      assertThat(logs.events(GracefulShutdown.class.getName())).isEmpty();
      assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
    }
  }

  @Test
  void awaitStoppedAnswersTheProbesInFlightAndReturnsOnceTheThreadsHaveEnded() throws Exception {
    start(ctx -> {
      entered.countDown();
      release.await(); // interruptible: shutdown ends it
      return CheckResult.up();
    });
    GracefulShutdown shutdown = GracefulShutdown.builder(probes).build();
    CompletableFuture<HttpResponse<String>> probe = server.getAsync("/readyz");
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    // The warm-up entered the check: in flight before the drain, as this test means it (on a
    // loaded machine the probe reached the server once it drained, and was answered "draining").
    await().atMost(Duration.ofSeconds(5)).until(() -> handedOver.get() == 1);
    assertThat(probe).isNotDone();

    assertThat(shutdown.awaitStopped()).isTrue();

    assertThat(shutdown.timeout()).isEqualTo(Probes.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
    assertThat(probes.liveThreads()).isEmpty();
    HttpResponse<String> answered = probe.get(2, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(503);
    assertThat(answered.body()).isEqualTo("shutting down");
  }

  @Test
  void theDrainDelayElapsesByItselfAndTheSequenceThenStops() throws Exception {
    start(ctx -> CheckResult.up());
    GracefulShutdown shutdown =
        GracefulShutdown.builder(probes).drainDelay(Duration.ofMillis(300)).build();
    long start = System.nanoTime();

    shutdown.shutdown().get(5, TimeUnit.SECONDS);

    // A lower bound only: the delay cannot end early, and may end late on a busy machine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(shutdown.state()).isEqualTo(Probes.State.STOPPED);
  }

  @Test
  void awaitStoppedGivesUpAfterTheDrainDelayPlusTheTimeoutWhenTheSequenceCannotEnd() throws Exception {
    start(ctx -> {
      entered.countDown();
      TestChecks.awaitIgnoringInterrupts(release);
      return CheckResult.up();
    });
    // The sequence's last step logs the thread that ignored its interrupt, to an appender that
    // blocks (a full socket, a stuck disk): the sequence cannot end, and a container's hook that
    // waits for it must not wait for ever.
    CountDownLatch appenderFree = new CountDownLatch(1);
    AppenderBase<ILoggingEvent> blocking = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (event.getLevel() == Level.WARN) { // the survivor's line, not the drain's
          TestChecks.awaitIgnoringInterrupts(appenderFree);
        }
      }
    };
    Logger logger = (Logger) LoggerFactory.getLogger(GracefulShutdown.class);
    blocking.start();
    logger.addAppender(blocking);
    GracefulShutdown shutdown = GracefulShutdown.builder(probes).drainDelay(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(100)).build();
    try {
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();

      assertThat(shutdown.awaitStopped()).isFalse();

      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(tookMillis).isBetween(1_200L, 5_000L); // 100 ms + 100 ms + the 1 s hand-over
      assertThat(shutdown.shutdown()).isNotDone();
      // Everything but the report: the probes stopped within their timeout.
      await().atMost(Duration.ofSeconds(5)).until(() -> shutdown.state() == Probes.State.STOPPED);
    } finally {
      appenderFree.countDown();
      // The line through every appender before the next test captures lines of its own.
      shutdown.shutdown().get(5, TimeUnit.SECONDS);
      logger.detachAppender(blocking);
    }
  }

  @Test
  void rejectsNegativeAndAbsurdSettingsNamingThem() {
    probes = Probes.builder().build();
    GracefulShutdown.Builder builder = GracefulShutdown.builder(probes);

    assertThatThrownBy(() -> builder.drainDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("drainDelay: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> builder.drainDelay(Duration.ofHours(1)))
        .hasMessage("drainDelay: PT1H (expected: <= PT10M)");
    assertThatThrownBy(() -> builder.timeout(Duration.ZERO)).hasMessage("timeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> builder.timeout(Duration.ofMillis(-5)))
        .hasMessage("timeout: PT-0.005S (expected: > 0)");
    assertThatThrownBy(() -> builder.timeout(Duration.ofDays(1)))
        .hasMessage("timeout: PT24H (expected: <= PT10M)");
    assertThatThrownBy(() -> builder.timeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
  }

  private void start(dev.isoprobe.HealthCheck check) throws Exception {
    probes = Probes.builder()
        .deadline(Duration.ofSeconds(10))
        .check(Check.builder("db", check).groups(Group.READINESS).build())
        .build();
    // The probe filter behind a filter that counts the probes it has handed to the async path,
    // and a business servlet at /hello.
    ServletContextHandler context = new ServletContextHandler("/");
    TestServer.addFilter(context, TestServer.counting(handedOver));
    TestServer.addFilter(context, probes.filter());
    context.addServlet(new ServletHolder(new TestServer.Hello()), "/hello");
    server = TestServer.builder().handler(context).requestTimeout(Duration.ofSeconds(10)).start();
  }
}
