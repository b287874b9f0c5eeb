/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IsoprobeFilter} as a container makes it from a declaration: a no-argument instance
 * with init-parameters, here in a real Jetty ee10 context.
 */
class IsoprobeFilterTest {

  private TestServer server;
  private ServletContextHandler context;

  @AfterEach
  void stop() throws Exception {
    HangableDb.heal();
    if (server != null) {
      server.jetty.stop();
    }
  }

  @Test
  void filterInitParametersWinOverTheContextsAndChecksComeFromTheNamedProvider() throws Exception {
    start(Map.of("isoprobe.paths.readiness", "/ready", "isoprobe.timeout", "400ms"),
        Map.of("isoprobe.paths.readiness", "/from-context",
            "isoprobe.check-providers", HangableDb.class.getName()));

    assertThat(get("/ready?verbose").body()).contains("[+]db ok");
    assertThat(get("/from-context").statusCode()).isEqualTo(404);
    HangableDb.hang();
    HttpResponse<String> hung = get("/ready?verbose");
    assertThat(hung.statusCode()).isEqualTo(503);
    assertThat(hung.body()).contains("[-]db failed: timeout after");
    assertThat(get("/hello").body()).isEqualTo("hello\n");
  }

  @Test
  void aBadSettingFailsTheStartNamingThePropertyAndWhereItWasSet() {
    Throwable failure = catchThrowable(() -> start(Map.of("isoprobe.timeout", "0s"), Map.of()));

    assertThat(messages(failure)).contains(
        "isoprobe: isoprobe.timeout: PT0S (expected: > 0), set by init-parameter isoprobe.timeout");
  }

  @Test
  void aProviderThatCannotBeMadeFailsTheStartNamingIt() {
    Throwable failure = catchThrowable(() -> start(
        Map.of("isoprobe.check-providers", "com.example.NoSuchChecks"), Map.of()));

    assertThat(messages(failure)).contains("isoprobe: isoprobe.check-providers: "
        + "'com.example.NoSuchChecks' (expected: a CheckProvider class with a public "
        + "no-argument constructor; ClassNotFoundException), set by init-parameter "
        + "isoprobe.check-providers");
  }

  @Test
  void disabledItServesNoProbePath() throws Exception {
    start(Map.of("isoprobe.enabled", "false"), Map.of());

    assertThat(get("/readyz").statusCode()).isEqualTo(404);
    assertThat(context.getServletContext().getAttribute(IsoprobeFilter.SHUTDOWN_ATTRIBUTE)).isNull();
  }

  @Test
  void aContextStoppedAloneAnswersItsProbesInFlightAtOnceWithoutTheDrainDelay() throws Exception {
    // No warm-up: the run the check is entered in is the probe's, so the probe is in flight.
    start(Map.of("isoprobe.check-providers", HangableDb.class.getName(), "isoprobe.timeout", "5s",
        "isoprobe.shutdown.drain-delay", "10s", "isoprobe.warm-up", "0s"), Map.of());
    HangableDb.hang();
    CompletableFuture<HttpResponse<String>> inFlight = server.getAsync("/readyz");
    await().atMost(Duration.ofSeconds(2)).until(() -> HangableDb.entered() > 0);

    long started = System.nanoTime();
    context.stop();
    HttpResponse<String> answered = inFlight.get(5, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(answered.statusCode()).isEqualTo(503);
    assertThat(answered.body()).contains("shutting down");
  }

  private void start(Map<String, String> filterParameters, Map<String, String> contextParameters)
      throws Exception {
    context = new ServletContextHandler("/");
    contextParameters.forEach(context::setInitParameter);
    FilterHolder filter = new FilterHolder(IsoprobeFilter.class);
    filterParameters.forEach(filter::setInitParameter);
    TestServer.addFilter(context, filter, true);
    context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
    server = TestServer.builder().handler(context).requestTimeout(Duration.ofSeconds(10)).start();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return server.get(path);
  }

  private static List<String> messages(Throwable failure) {
    assertThat(failure).as("the start failed").isNotNull();
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    return messages;
  }
}
