/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.OwnThread;
import dev.isoprobe.ReadmeBlocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's WAR quick start, its web.xml and isoprobe.properties read from the README
 * itself, deployed on embedded Tomcat 11 with {@link ProbeDrainListener}, and its check provider
 * this module's {@link AppChecks}, which the README's Java block must match line for line. The
 * provider's class name is swapped for that one, the application's listener that sets up its pool
 * is {@link StandInPool}, and the drain delay is shortened by a system property, which the README
 * says overrides the file.
 */
class ReadmeWarQuickStartTest {

  private static final String SOURCE =
      "tomcat-integration/src/test/java/dev/isoprobe/tomcat/ReadmeWarQuickStartTest.java";
  private static final Path PROVIDER = Path.of("src/test/java/dev/isoprobe/tomcat/AppChecks.java");

  @TempDir
  Path directory;

  @Test
  void readmeWarAnswersAndDrains() throws Exception {
    List<List<String>> blocks = readmeBlocks();
    Path war = directory.resolve("war");
    Files.createDirectories(war.resolve("WEB-INF/classes"));
    Files.writeString(war.resolve("WEB-INF/web.xml"), String.join("\n", blocks.get(0)));
    String properties = String.join("\n", blocks.get(1));
    assertThat(properties).contains("com.example.AppChecks", "isoprobe.shutdown.drain-delay=5s");
    Files.writeString(war.resolve("WEB-INF/classes/isoprobe.properties"),
        properties.replace("com.example.AppChecks", AppChecks.class.getName()));

    System.setProperty("isoprobe.shutdown.drain-delay", "1s");
    Tomcat tomcat = null;
    try {
      tomcat = TomcatWarMain.start(war.toString(), directory.resolve("tomcat").toString(), true,
          List.of(StandInPool.class.getName()));
      Tomcat running = tomcat;
      int port = tomcat.getConnector().getLocalPort();

      HttpResponse<String> ready = get(port, "/readyz?verbose");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("[+]db ok");
      // JdbcCheck borrowed from the application's pool, validated, and gave every connection back.
      assertThat(StandInPool.POOL.validated()).isPositive();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(StandInPool.POOL.givenBack()).isEqualTo(StandInPool.POOL.borrowed()));

      long started = System.nanoTime();
      CompletableFuture<Void> stopped = OwnThread.run("stop", () -> running.stop());
      await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(
          () -> assertThat(get(port, "/readyz").body()).contains("draining"));
      stopped.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("the system property's drain delay, not the file's")
          .isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
    } finally {
      System.clearProperty("isoprobe.shutdown.drain-delay");
      if (tomcat != null) {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readmeCheckProviderIsAppChecks() throws IOException {
    List<String> provider = readmeBlocks().get(2);
    assertThat(provider).anyMatch(line -> line.contains("JdbcCheck.builder"));
    ReadmeBlocks.assertInOrder(provider, PROVIDER);
  }

  /**
   * Returns the three code blocks after the README's marker naming this test: xml, properties,
   * and the check provider's java.
   */
  private static List<List<String>> readmeBlocks() throws IOException {
    return ReadmeBlocks.after(SOURCE, "xml", "properties", "java");
  }
}
