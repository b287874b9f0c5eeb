/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.isoprobe.Probes;
import dev.isoprobe.ReadmeBlocks;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The README's Spring Boot properties, read from the README itself, start an application with a
 * {@code dbHealthIndicator} and configure what they say they configure: a renamed or mistyped
 * property in the README fails here.
 */
class ReadmeSpringBootQuickStartTest {

  private static final String SOURCE =
      "spring-boot-starter/src/test/java/dev/isoprobe/spring/ReadmeSpringBootQuickStartTest.java";

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          IsoprobeAutoConfiguration.class, IsoprobeAvailabilityAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class, IsoprobeLifecycleAutoConfiguration.class))
      .withUserConfiguration(Db.class);

  @Test
  void readmePropertiesStartTheAppAndTakeEffect() throws Exception {
    Properties readme = readmeProperties();
    assertThat(readme).containsKeys("isoprobe.timeout", "isoprobe.checks.db.timeout");

    runner.withPropertyValues(readme.stringPropertyNames().stream()
            .map(key -> key + "=" + readme.getProperty(key)).toArray(String[]::new))
        .run(context -> {
          assertThat(context).hasNotFailed();
          IsoprobeProperties properties = context.getBean(IsoprobeProperties.class);
          assertThat(properties.getTimeout()).isEqualTo(Duration.ofMillis(800));
          assertThat(properties.getExecutor().getThreads()).isEqualTo(4);
          assertThat(properties.getShutdown().getDrainDelay()).isEqualTo(Duration.ofSeconds(5));
          assertThat(properties.getChecks().get("db").getTimeout()).isEqualTo(Duration.ofMillis(500));
          assertThat(context.getBean(Probes.class).deadline()).isEqualTo(properties.getTimeout());
          AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
          AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
          assertThat(MockProbe.get(context, readme.getProperty("isoprobe.paths.readiness")
              + "?verbose").getContentAsString()).contains("[+]db ok");
        });
  }

  @Test
  void everyIsoprobeKeyInTheReadmeIsAProperty() throws Exception {
    Path classes = Path.of(IsoprobeProperties.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<String> known = JsonPath.read(Files.readString(
        classes.resolve("META-INF/spring-configuration-metadata.json")), "$.properties[*].name");
    for (String key : readmeProperties().stringPropertyNames()) {
      if (key.startsWith("isoprobe.checks.")) {
        assertThat(key).matches("isoprobe\\.checks\\.[A-Za-z0-9._-]+\\.(timeout|groups|enabled)");
      } else if (key.startsWith("isoprobe.")) {
        assertThat(known).as("README key %s", key).contains(key);
      }
    }
  }

  @Test
  void readmeBlockIsShort() throws IOException {
    assertThat(readmeBlock()).hasSizeLessThan(20);
  }

  private static Properties readmeProperties() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(String.join("\n", readmeBlock())));
    return properties;
  }

  /** Returns the lines of the README's code block marked with this test's path. */
  private static List<String> readmeBlock() throws IOException {
    return ReadmeBlocks.marked(ReadmeBlocks.README, SOURCE, "properties");
  }

  @Configuration(proxyBeanMethods = false)
  static class Db {
    @Bean
    HealthIndicator dbHealthIndicator() {
      return () -> Health.up().build();
    }
  }
}
