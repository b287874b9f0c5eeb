/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.isoprobe.ProbesConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The starter and the core's {@link ProbesConfig} agree: the same keys, the same defaults, and
 * the same message for a bad value, so a setting means one thing in application.properties and
 * in isoprobe.properties.
 */
class CoreAgreementTest {

  /**
   * Keys only the core reads outside Spring: Spring reads files itself. (The servlet module's
   * own, isoprobe.check-providers and isoprobe.register-filter, are not the core's: Spring finds
   * checks as beans and registers its own filter.)
   */
  private static final Set<String> CORE_ONLY = Set.of("isoprobe.config-file");
  /**
   * Keys only Spring has: servers, meter registries and Spring gRPC's health are Spring's to
   * choose.
   */
  private static final Set<String> SPRING_ONLY = Set.of("isoprobe.server",
      "isoprobe.metrics.enabled", "isoprobe.grpc.enabled", "isoprobe.checks");

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(IsoprobeAutoConfiguration.class));

  @Test
  void bothHaveTheSameKeys() throws Exception {
    Set<String> spring = new TreeSet<>(metadataNames());
    spring.removeAll(SPRING_ONLY);
    Set<String> core = new TreeSet<>(ProbesConfig.from(Map.of()).asMap().keySet());
    core.removeAll(CORE_ONLY);

    assertThat(spring).isEqualTo(core);
  }

  @Test
  void theStarterHandsTheCoreEachOfItsKeysButTheFileItReadsOutsideSpring() {
    IsoprobeProperties properties = new IsoprobeProperties();
    properties.getDetailsToken().setValue("0123456789abcdef"); // unset, it is left to the core
    Set<String> core = new TreeSet<>(ProbesConfig.from(Map.of()).asMap().keySet());
    core.removeAll(CORE_ONLY);

    assertThat(new TreeSet<>(Settings.toConfig(properties).keySet())).isEqualTo(core);
  }

  @Test
  void theSamePropertiesMakeTheSameSettingsInBoth() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("isoprobe.enabled", "false");
    properties.put("isoprobe.timeout", "500ms");
    properties.put("isoprobe.warm-up", "3s");
    properties.put("isoprobe.details", "when-authorized");
    properties.put("isoprobe.details-roles", "ops,sre");
    properties.put("isoprobe.details-token.header", "X-Ops-Token");
    properties.put("isoprobe.details-token.value", "0123456789abcdef");
    properties.put("isoprobe.log-error-messages", "none");
    properties.put("isoprobe.failure-threshold", "2");
    properties.put("isoprobe.success-threshold", "3");
    properties.put("isoprobe.executor.threads", "5");
    properties.put("isoprobe.executor.queue-capacity", "7");
    properties.put("isoprobe.executor.liveness-threads", "3");
    properties.put("isoprobe.paths.liveness", "/alive");
    properties.put("isoprobe.paths.readiness", "/ready");
    properties.put("isoprobe.paths.startup", "/started");
    properties.put("isoprobe.paths.health", "/health");
    properties.put("isoprobe.shutdown.drain-delay", "2s");
    properties.put("isoprobe.shutdown.timeout", "3s");
    // A check Spring binds is enabled unless set otherwise (a primitive), and the core is told so.
    properties.put("isoprobe.checks.db.enabled", "true");
    properties.put("isoprobe.checks.db.timeout", "300ms");
    properties.put("isoprobe.checks.db.groups", "readiness,startup");
    properties.put("isoprobe.checks.db.failure-threshold", "4");
    properties.put("isoprobe.checks.db.success-threshold", "5");
    properties.put("isoprobe.checks.db.refresh-every", "1s");
    properties.put("isoprobe.checks.db.max-age", "10s");
    properties.put("isoprobe.checks[db/replica].enabled", "false");

    IsoprobeProperties bound = new Binder(new MapConfigurationPropertySource(properties))
        .bind("isoprobe", IsoprobeProperties.class).get();

    assertThat(ProbesConfig.from(Settings.toConfig(bound)).asMap())
        .isEqualTo(ProbesConfig.from(properties).asMap())
        .containsEntry("isoprobe.checks.db.max-age", "PT10S")
        .containsEntry("isoprobe.executor.queue-capacity", "7");
  }

  @Test
  void bothHaveTheSameDefaults() {
    assertThat(ProbesConfig.from(Settings.toConfig(new IsoprobeProperties())).asMap())
        .isEqualTo(ProbesConfig.from(Map.of()).asMap());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "isoprobe.timeout | 0s", "isoprobe.timeout | 2m", "isoprobe.executor.threads | 0",
      "isoprobe.executor.queue-capacity | -1", "isoprobe.executor.liveness-threads | 17",
      "isoprobe.paths.readiness | readyz", "isoprobe.paths.health | /a/../b",
      "isoprobe.shutdown.drain-delay | -1s", "isoprobe.shutdown.drain-delay | 11m",
      "isoprobe.shutdown.timeout | 0s", "isoprobe.shutdown.timeout | 11m",
      "isoprobe.details-roles | 'ops,,'", "isoprobe.details-token.value | S3cr3tV4lu",
      "isoprobe.checks.db.timeout | 2s", "isoprobe.checks.deadlock.groups | readiness",
      "isoprobe.checks.nosuch.enabled | false"})
  void aBadValueFailsWithTheCoresMessage(String key, String value) {
    Throwable core = catchThrowable(() -> ProbesConfig.from(Map.of(key, value)).builder(List.of()));
    assertThat(core).as("the core refuses %s=%s", key, value).isInstanceOf(IllegalArgumentException.class);

    runner.withPropertyValues(key + "=" + value).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure())).contains(core.getMessage());
    });
  }

  private static List<String> messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    return messages;
  }

  @SuppressWarnings("unchecked")
  private static List<String> metadataNames() throws Exception {
    try (InputStream in = CoreAgreementTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      List<Map<String, Object>> properties = (List<Map<String, Object>>) JsonParserFactory
          .getJsonParser().parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .get("properties");
      return properties.stream().map(property -> (String) property.get("name")).toList();
    }
  }
}
