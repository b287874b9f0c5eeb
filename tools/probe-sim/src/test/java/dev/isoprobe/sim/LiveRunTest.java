/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live mode against a real Jetty server on loopback whose readiness endpoint blocks on a latch,
 * longer than any probe timeout, from the hang POST to the heal POST; liveness never depends on it.
 */
class LiveRunTest {

  /** The machine is shared and loaded: every timing bound gets this much slack. */
  private static final long SLACK_MS = 300;

  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();
  private final AtomicInteger readinessRequests = new AtomicInteger();
  private Server server;
  private int port;

  @BeforeEach
  void startApp() throws Exception {
    server = new Server(new QueuedThreadPool(200, 8));
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new ReadinessServlet()), "/readyz");
    context.addServlet(new ServletHolder(new OkServlet()), "/livez");
    context.addServlet(new ServletHolder(new HangServlet()), "/admin/hang");
    context.addServlet(new ServletHolder(new HealServlet()), "/admin/heal");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stopApp() {
    CountDownLatch latch = hang.getAndSet(null);
    if (latch != null) {
      latch.countDown();
    }
    LifeCycle.stop(server);
  }

  @Test
  void readinessGoesUnreadyWithinTheWindowAndLivenessNeverFails() throws Exception {
    Options options = Cli.parse(
        "--readiness", "period=0.3,timeout=0.2,failure=3,success=1",
        "--liveness", "period=0.2,timeout=1,failure=3",
        "--lb", "callers=4,interval=0.3,timeout=0.2,unhealthy=2,healthy=2",
        "--base", "http://127.0.0.1:" + port, "--duration", "3.5s",
        "--hang-at", "1s", "--heal-at", "2.5s",
        "--threads-pid", String.valueOf(ProcessHandle.current().pid()));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Summary summary = new LiveRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

    String timeline = printed.toString(StandardCharsets.UTF_8);
    System.out.println(timeline); // kept in the surefire report, for a failure on a loaded machine
    // the settings predict 0.8 .. 1.1 s: three failures of 0.2 s on ticks 0.3 s apart
    Windows.Window unready = Windows.unready(options.readiness(), null);
    assertThat(unready).isEqualTo(new Windows.Window(800, 1_100));
    assertThat(summary.unreadyAfterHang()).as(timeline).isNotNull()
        .isBetween(unready.best() - SLACK_MS, unready.worst() + SLACK_MS);
    assertThat(timeline).contains("pod marked UNREADY (3 readiness failures in a row)");
    assertThat(summary.readiness().timedOut.sum()).as(timeline).isGreaterThanOrEqualTo(3);

    assertThat(summary.restarts()).as(timeline).isZero();
    assertThat(summary.liveness().sent.sum()).isGreaterThanOrEqualTo(10);
    assertThat(summary.liveness().succeeded.sum()).as(timeline).isEqualTo(summary.liveness().sent.sum());
    assertThat(timeline).doesNotContain("RESTART");

    Windows.Window eject = Windows.eject(options.lb(), null);
    assertThat(summary.allEjectedAfterHang()).as(timeline).isNotNull()
        .isBetween(eject.best() - SLACK_MS, eject.worst() + SLACK_MS);
    assertThat(summary.readyAfterHeal()).as(timeline).isNotNull()
        .isLessThanOrEqualTo(Windows.readyAgain(options.readiness(), null).worst() + SLACK_MS);

    assertThat(summary.sent()).isEqualTo(summary.answered() + summary.timedOut() + summary.errors());
    assertThat(summary.errors()).as(timeline).isZero();
    assertThat(readinessRequests.get()).isEqualTo(summary.readiness().sent.sum() + summary.lb().sent.sum());
    assertThat(summary.threadsMin()).isPositive();
    assertThat(summary.threadsMax()).isGreaterThanOrEqualTo(summary.threadsMin());
    assertThat(timeline).contains("POST answered 200").contains("pod unready after")
        .containsPattern("threads in pid \\d+: min \\d+, max \\d+");
  }

  @Test
  void hungAttemptsLongerThanThePeriodRunBackToBackInsteadOfPilingUp() throws Exception {
    // period 0.1 s, timeout 0.4 s: while hung, one attempt at a time, each right after the last
    Options options = Cli.parse("--readiness", "period=0.1,timeout=0.4,failure=100", "--quiet",
        "--base", "http://127.0.0.1:" + port, "--duration", "2.2s", "--hang-at", "0.2s");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Summary summary = new LiveRun(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

    // about 2 healthy attempts, then 2 s of 0.4 s attempts: 5, never the 20 a 0.1 s timer would fire
    assertThat(summary.readiness().timedOut.sum()).as(printed.toString(StandardCharsets.UTF_8)).isBetween(3L, 6L);
    assertThat(summary.readiness().sent.sum()).isLessThanOrEqualTo(9);
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("#1   ");
  }

  @Test
  void anAppThatIsNotListeningIsReportedNotThrown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = ProbeSim.run(new String[] {"--readiness", "period=0.1,timeout=0.2", "--base",
        "http://127.0.0.1:" + closedPort, "--duration", "0.5s"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(printed).contains("error ConnectException")
        .contains("no probe was answered: is the app listening on http://127.0.0.1:" + closedPort);
  }

  private final class ReadinessServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      readinessRequests.incrementAndGet();
      CountDownLatch latch = hang.get();
      if (latch != null) {
        try {
          // a hung dependency: far longer than any probe timeout, released by the heal POST
          latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      response.getWriter().write("ok");
    }
  }

  private static final class OkServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.getWriter().write("ok");
    }
  }

  private final class HangServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      hang.compareAndSet(null, new CountDownLatch(1));
    }
  }

  private final class HealServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
      CountDownLatch latch = hang.getAndSet(null);
      if (latch != null) {
        latch.countDown();
      }
    }
  }
}
