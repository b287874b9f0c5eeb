/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.PostgresServer;
import dev.isoprobe.ReadmeBlocks;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * README.md's Spring Boot tuning block, read from the README, on this service with Boot's own
 * {@code db}: it starts, and {@code isoprobe.checks.db.timeout=500ms} is what a frozen
 * PostgreSQL is answered by. The contract's tests run under these properties too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude="
    + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration")
@DirtiesContext
class ReadmePropertiesServiceTest extends RealDependenciesContract {

  private static final String MARKER =
      "spring-boot-starter/src/test/java/dev/isoprobe/spring/ReadmeSpringBootQuickStartTest.java";

  @DynamicPropertySource
  static void readme(DynamicPropertyRegistry registry) {
    Properties readme = readmeProperties();
    assertThat(readme).containsEntry("isoprobe.checks.db.timeout", "500ms");
    readme.stringPropertyNames().forEach(key -> registry.add(key, () -> readme.getProperty(key)));
  }

  @Override
  String expectedWebServer() {
    return "Tomcat";
  }

  @Test
  void theReadmesDbTimeoutIsWhatAFrozenPostgresIsAnsweredBy() throws Exception {
    PostgresServer.shared().freeze();
    try {
      long start = System.nanoTime();
      var ready = get("/readyz?verbose");
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(ready.statusCode()).isEqualTo(503);
      // The check's own timeout, not the 800 ms probe deadline: the time it ran, as the deadline
      // timer measured it when it fired.
      assertThat(ready.body()).containsPattern("\\[-]db failed: timeout after 5\\d\\dms");
      // The body is the server's measure of the 500 ms timeout; the client's adds the machine's
      // delays (1.9 s at load 30 while the body said 5xx ms).
      assertThat(millis).isLessThan(DEADLINE_MS + CLIENT_SLACK_MS);
    } finally {
      PostgresServer.shared().resume();
    }
    awaitRecovery();
  }

  private static Properties readmeProperties() {
    try {
      List<String> block = ReadmeBlocks.marked(Path.of("../../README.md"), MARKER, "properties");
      Properties properties = new Properties();
      properties.load(new StringReader(String.join("\n", block)));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
