/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.H2cClient;
import dev.isoprobe.H2cClient.Answer;
import dev.isoprobe.OwnThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributions set up for the kubelet's {@code protocol: HTTP2} probes as
 * docs/kubernetes.md says (Jetty's {@code http2c} module; Tomcat's {@code Http2Protocol} in the
 * HTTP/1.1 connector of server.xml) answer the web.xml WAR's probes over h2c with prior
 * knowledge, and on SIGTERM drain readiness over the open h2c connection while liveness answers.
 */
class H2cDistributionTest {

  private static final String DOC = "../docs/kubernetes.md";

  @TempDir
  Path directory;

  @Test
  void jettyWithTheHttp2cModuleAnswersAndDrainsOverH2c() throws Exception {
    assertThat(Files.readString(Path.of(DOC))).contains("--add-modules=http2c");
    try (ContainerProcess jetty = StandaloneJetty.start(StandaloneJetty.home(),
        directory.resolve("base"), Artifacts.webXmlWar(directory),
        List.of("http", "http2c", "ee11-deploy", "isoprobe"), Map.of())) {
      answersAndDrains(jetty);
    }
  }

  @Test
  void tomcatWithHttp2ProtocolInServerXmlAnswersAndDrainsOverH2c() throws Exception {
    assertThat(Files.readString(Path.of(DOC))).contains(StandaloneTomcat.H2C);
    try (ContainerProcess tomcat = StandaloneTomcat.start(
        StandaloneTomcat.home("isoprobe.tomcat11.home"), directory.resolve("base"),
        Artifacts.webXmlWar(directory), Map.of(), StandaloneTomcat::withH2c)) {
      answersAndDrains(tomcat);
    }
  }

  private static void answersAndDrains(ContainerProcess container) throws Exception {
    try (H2cClient h2c = H2cClient.connect(container.port())) {
      assertAnswer(h2c.answer("/readyz"), 200, "ok");
      assertAnswer(h2c.answer("/livez"), 200, "ok");

      CompletableFuture<Void> stopped = OwnThread.run("stop", () -> container.stop());
      // The WAR drains for 2 s (isoprobe.shutdown.drain-delay) before the connector closes.
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
          .until(() -> h2c.answer("/readyz").status() == 503);
      Answer draining = h2c.answer("/readyz");
      Answer alive = h2c.answer("/livez");

      assertAnswer(draining, 503, "draining");
      assertAnswer(alive, 200, "ok");
      stopped.get(ContainerProcess.STOP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    } finally {
      System.out.println(container.console());
    }
  }

  private static void assertAnswer(Answer answer, int status, String body) {
    assertThat(answer.version()).as("protocol").isEqualTo(HttpVersion.HTTP_2);
    assertThat(answer.status()).as("status").isEqualTo(status);
    assertThat(answer.body()).as("body").isEqualTo(body);
  }
}
