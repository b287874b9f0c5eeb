/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.isoprobe.Check;
import dev.isoprobe.Group;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import dev.isoprobe.ReadmeBlocks;
import dev.isoprobe.TestServer;
import dev.isoprobe.checks.JdbcCheck;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's plain-servlet quick start, line for line, compiled and run against a real Jetty
 * through the Servlet API alone ({@code ServletContext.addFilter}), so the README cannot rot:
 * {@link #readmeBlockIsThisCode} fails when the README's block and this code part ways.
 */
class ReadmeServletQuickStartTest {

  static final Path SOURCE = Path.of("src/test/java/dev/isoprobe/shutdown/ReadmeServletQuickStartTest.java");

  private TestServer server;

  /** The README's start-up code, as a container's start-up code runs it. */
  static GracefulShutdown install(ServletContext servletContext, DataSource dataSource) {
    Probes probes = Probes.builder()
        .deadline(Duration.ofMillis(800))                  // every probe answered by then
        .check(Check.builder("db", JdbcCheck.builder(dataSource).build()) // ends with the deadline, in the driver too
            .groups(Group.READINESS)                       // dependencies belong to readiness
            .timeout(Duration.ofMillis(500))
            .build())
        .build();
    FilterRegistration.Dynamic filter = servletContext.addFilter("isoprobe", probes.filter());
    filter.setAsyncSupported(true);                        // the answer is written asynchronously
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    GracefulShutdown shutdown = GracefulShutdown.builder(probes).drainDelay(Duration.ofSeconds(5)).build();
    return shutdown;
  }

  @Test
  void quickStartAnswersProbesDrainsAndStops() throws Exception {
    Connection db = mock(Connection.class);
    DatabaseMetaData product = mock(DatabaseMetaData.class);
    when(product.getDatabaseProductName()).thenReturn("PostgreSQL");
    when(db.getMetaData()).thenReturn(product);
    when(db.isValid(anyInt())).thenReturn(true);
    DataSource dataSource = mock(DataSource.class);
    when(dataSource.getConnection()).thenReturn(db);
    AtomicReference<GracefulShutdown> installed = new AtomicReference<>();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(
        (classes, servletContext) -> installed.set(install(servletContext, dataSource)));
    server = TestServer.builder().handler(context).start();
    GracefulShutdown shutdown = installed.get();

    assertThat(get("/readyz?verbose")).startsWith("200 ").contains("[+]db ok");
    assertThat(get("/livez?verbose")).startsWith("200 ").contains("[+]deadlock ok")
        .doesNotContain("db ok");
    // The README's check returns each connection it takes: the warm-up's run's and the probe's.
    verify(db, times(mockingDetails(dataSource).getInvocations().size())).close();

    // on shutdown, before the connectors close:
    CompletableFuture<Probes.State> stopped = OwnThread.call("stop", () -> {
      shutdown.awaitStopped();                               // 503 draining for 5 s, then answer probes in flight, end check threads
      return shutdown.state();
    });
    await().atMost(Duration.ofSeconds(2)).until(() -> shutdown.state() == Probes.State.DRAINING);
    assertThat(get("/readyz")).isEqualTo("503 draining");
    assertThat(get("/livez")).startsWith("200 ");
    assertThat(stopped.get(10, TimeUnit.SECONDS)).isEqualTo(Probes.State.STOPPED);
    assertThat(shutdown.timeout()).isEqualTo(Probes.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(get("/livez")).isEqualTo("503 shutting down");
  }

  @Test
  void readmeBlockIsThisCode() throws IOException {
    List<String> block = ReadmeBlocks.marked(SOURCE.toString().replace('\\', '/'));
    assertThat(block).hasSizeLessThan(20).anyMatch(line -> line.contains("addFilter"));
    ReadmeBlocks.assertInOrder(block, SOURCE);
  }

  private String get(String path) throws Exception {
    return server.answer(path);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }
}
