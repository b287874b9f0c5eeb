/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.isoprobe.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Second reader of the servlet module's own properties (ServletProperties). */
class ServletPropertiesSecondReaderTest {

  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.jetty.stop();
    }
  }

  /** docs/troubleshooting.md shows isoprobe.check-providers in the filter's startup line. */
  @Test
  void theStartupLineShowsTheProvidersInEffect() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      start(Map.of("isoprobe.check-providers", HangableDb.class.getName()));
    } finally {
      System.setErr(err);
    }
    String line = captured.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("serving probes of checks")).findFirst().orElseThrow();

    assertThat(line).contains("isoprobe.check-providers=" + HangableDb.class.getName());
  }

  /** Why the class could not be made stays in the cause chain, under the refusal. */
  @Test
  void aProviderThatCannotBeMadeKeepsWhyInTheCauseChain() {
    Throwable failure = catchThrowable(() -> start(
        Map.of("isoprobe.check-providers", "com.example.NoSuchChecks")));

    assertThat(failure).hasRootCauseInstanceOf(ClassNotFoundException.class);
  }

  private void start(Map<String, String> filterParameters) throws Exception {
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(IsoprobeFilter.class);
    filterParameters.forEach(filter::setInitParameter);
    TestServer.addFilter(context, filter, true);
    context.addServlet(new ServletHolder(new HelloServlet()), "/hello");
    server = TestServer.builder().handler(context).requestTimeout(Duration.ofSeconds(10)).start();
  }
}
