/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the example app as a child JVM, as an operator would, and stops it with SIGTERM
 * ({@link Process#destroy()} sends SIGTERM on Linux and macOS). A JVM that ends on SIGTERM exits
 * with 143 (128 + 15) once its shutdown hooks, here Jetty's {@code Server.stop()}, have run.
 */
class JettyAppProcessTest {

  private static final int PROBES = 8;
  private static final long STOP_TIMEOUT_MILLIS = 3_000;
  private static final int SIGTERM_EXIT = 143;
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir
  Path temp;
  private Process app;

  @AfterEach
  void kill() {
    if (app != null) {
      app.destroyForcibly();
    }
  }

  @Test
  void sigtermWithProbesInFlightAnswersEveryProbeAndExitsWithinTheStopTimeout() throws Exception {
    int port = launch(Map.of("EXAMPLE_HANG", "true", "ISOPROBE_TIMEOUT", "10s",
        "STOP_TIMEOUT_MS", Long.toString(STOP_TIMEOUT_MILLIS)));
    assertThat(get(port, "/hello").body()).isEqualTo("hello\n");
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      inFlight.add(client.sendAsync(request(port, "/readyz"), HttpResponse.BodyHandlers.ofString()));
    }
    // The stats request counts itself: every probe is being handled once it reads PROBES + 1.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> get(port, "/admin/stats").body().contains("requestsActive " + (PROBES + 1)));
    assertThat(inFlight).noneMatch(CompletableFuture::isDone);

    long start = System.nanoTime();
    app.destroy();
    assertThat(app.waitFor(STOP_TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS)).isTrue();
    Duration toExit = Duration.ofNanos(System.nanoTime() - start);

    assertThat(app.exitValue()).isEqualTo(SIGTERM_EXIT);
    assertThat(toExit).isLessThan(Duration.ofMillis(STOP_TIMEOUT_MILLIS + 500));
    for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
      HttpResponse<String> response = probe.get(2, TimeUnit.SECONDS); // a reset would throw here
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("shutting down");
    }
  }

  @Test
  void refusesToStartWithABadSettingNamingIt() throws Exception {
    assertThat(failedStart(Map.of("PORT", "eighty")))
        .contains("jetty-app: PORT: 'eighty' (expected: a whole number from 0 to 65535)");
    assertThat(failedStart(Map.of("STOP_TIMEOUT_MS", "-5")))
        .contains("jetty-app: STOP_TIMEOUT_MS: -5 (expected: 1 to 600000)");
    assertThat(failedStart(Map.of("ISOPROBE_SHUTDOWN_DRAINDELAY", "1d")))
        .contains("jetty-app: isoprobe.shutdown.drain-delay: PT24H (expected: PT0S to PT10M), "
            + "set by environment variable ISOPROBE_SHUTDOWN_DRAINDELAY");
    assertThat(failedStart(Map.of("JETTY_MAX_THREADS", "2")))
        .contains("jetty-app: JETTY_MAX_THREADS: 2 (expected: 8 to 10000)");
    assertThat(failedStart(Map.of("EXAMPLE_HANG", "yes")))
        .contains("jetty-app: EXAMPLE_HANG: 'yes' (expected: true or false)");
  }

  /** Starts the app on an ephemeral loopback port and returns the port it printed. */
  private int launch(Map<String, String> env) throws IOException {
    app = process(env).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
    }
    throw new AssertionError("the app ended before listening: " + Files.readString(temp.resolve("stderr")));
  }

  /** Starts the app with a bad setting and returns what it wrote to stderr; asserts exit code 2. */
  private String failedStart(Map<String, String> env) throws Exception {
    app = process(env).start();
    assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(app.exitValue()).isEqualTo(2);
    return Files.readString(temp.resolve("stderr"));
  }

  private ProcessBuilder process(Map<String, String> env) {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), JettyApp.class.getName());
    builder.environment().put("PORT", "0");
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().putAll(env);
    builder.redirectError(temp.resolve("stderr").toFile());
    return builder;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(request(port, path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15)).build();
  }
}
