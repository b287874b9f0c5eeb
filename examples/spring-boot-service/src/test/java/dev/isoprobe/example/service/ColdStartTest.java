/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.LocalProcesses;
import dev.isoprobe.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first probe of a fresh JVM: the service started as a user starts it, in a JVM of its own,
 * on this JVM's real PostgreSQL and Redis, both healthy. Once its application answers, its first
 * {@code /readyz?verbose} is 200 with both checks up, by the 800 ms deadline, every start: the
 * warm-up ran Boot's {@code db} and {@code redis} (a Hikari pool's and a Lettuce client's first
 * connection) before the probe came. {@code -Disoprobe.coldStarts=10} starts it that many times
 * (3 by default).
 */
class ColdStartTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  /**
   * What the first probe may take beyond its deadline as this client measures it: a cold JVM's
   * first request on a loaded machine. The 200 is what says the checks were up by the deadline
   * (past it the probe is a 503 timeout); this bound says it was not held longer.
   */
  private static final long CLIENT_SLACK_MS = RealDependenciesContract.CLIENT_SLACK_MS;
  /**
   * The service's own start (Boot's, not isoprobe's): its web context alone took 39 s in a fresh
   * JVM with two CPU-bound loops and other builds beside the suite (load 20), and the first start
   * did not answer within 60 s, nor one within 3 minutes at load 30.
   */
  private static final Duration APPLICATION_START = Duration.ofMinutes(5);
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void everyFirstProbeOfAFreshJvmIsUpByTheDeadline() throws Exception {
    int starts = Integer.getInteger("isoprobe.coldStarts", 3);
    List<String> firsts = new ArrayList<>();
    for (int start = 1; start <= starts; start++) {
      int port = LocalProcesses.freePort();
      Process service = start(port, dir.resolve("service-" + start + ".log"));
      try {
        await("the application answers").atMost(APPLICATION_START)
            .pollInterval(Duration.ofMillis(20)).ignoreExceptions()
            .until(() -> get(port, "/hello").statusCode() == 401); // Security's, before any probe

        long began = System.nanoTime();
        HttpResponse<String> first = get(port, "/readyz?verbose");
        long millis = (System.nanoTime() - began) / 1_000_000;
        firsts.add(millis + " ms " + first.statusCode());
        assertThat(first.statusCode()).as("start %d: %s", start, first.body()).isEqualTo(200);
        assertThat(first.body()).as("start %d", start).contains("[+]db ok", "[+]redis ok");
        assertThat(millis).as("start %d: answered after", start)
            .isLessThanOrEqualTo(DEADLINE.toMillis() + CLIENT_SLACK_MS);
      } finally {
        service.destroy(); // SIGTERM: the graceful stop its users get
        if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          service.destroyForcibly();
        }
      }
    }
    System.out.printf("cold starts: %d, first /readyz?verbose of each: %s%n", starts, firsts);
  }

  private Process start(int port, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        ServiceApplication.class.getName(),
        "--server.port=" + port, "--server.address=127.0.0.1",
        "--spring.datasource.url=" + PostgresServer.shared().jdbcUrl(),
        "--spring.data.redis.port=" + RedisServer.shared().port(),
        "--spring.main.banner-mode=off"));
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
