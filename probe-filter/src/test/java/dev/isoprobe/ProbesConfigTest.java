/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code isoprobe.*} configuration model: values, messages, sources and their order. */
class ProbesConfigTest {

  private static final HealthCheck UP = ctx -> CheckResult.up();

  @TempDir
  Path directory;

  @Test
  void noPropertiesGiveTheDocumentedDefaults() {
    Map<String, String> defaults = ProbesConfig.from(Map.of()).asMap();

    assertThat(defaults).containsEntry("isoprobe.timeout", "PT0.8S")
        .containsEntry("isoprobe.executor.threads", "4")
        .containsEntry("isoprobe.executor.queue-capacity", "16")
        .containsEntry("isoprobe.executor.liveness-threads", "2")
        .containsEntry("isoprobe.paths.readiness", "/readyz")
        .containsEntry("isoprobe.details", "never")
        .containsEntry("isoprobe.log-error-messages", "redacted")
        .containsEntry("isoprobe.shutdown.drain-delay", "PT0S")
        .containsEntry("isoprobe.shutdown.timeout", "PT1S")
        .containsEntry("isoprobe.enabled", "true");
    assertThat(defaults.keySet()).isEqualTo(ProbesConfig.keys());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "800ms | PT0.8S", "800 | PT0.8S", "5s | PT5S", "1m | PT1M", "PT0.25S | PT0.25S", "2S | PT2S"})
  void durationsTakeSpringBootsForms(String written, String meant) {
    assertThat(ProbesConfig.from(Map.of("isoprobe.timeout", written)).asMap())
        .containsEntry("isoprobe.timeout", meant);
  }

  @Test
  void keysMatchAsSpringMatchesThem() {
    Map<String, String> config = ProbesConfig.from(Map.of(
        "isoprobe.executor.queueCapacity", "3",
        "isoprobe.executor.liveness_threads", "1",
        "ISOPROBE.DETAILS", "WHEN_AUTHORIZED",
        "isoprobe.details-roles", "ops, sre",
        "isoprobe.log-error-messages", "None")).asMap();

    assertThat(config).containsEntry("isoprobe.executor.queue-capacity", "3")
        .containsEntry("isoprobe.executor.liveness-threads", "1")
        .containsEntry("isoprobe.details", "when-authorized")
        .containsEntry("isoprobe.details-roles", "ops,sre")
        .containsEntry("isoprobe.log-error-messages", "none");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "isoprobe.timeout | 0s | isoprobe.timeout: PT0S (expected: > 0)",
      "isoprobe.timeout | 2m | isoprobe.timeout: PT2M (expected: <= PT1M)",
      "isoprobe.timeout | fast | isoprobe.timeout: 'fast' (expected: a duration such as 800ms, 5s, 1m or PT0.8S)",
      "isoprobe.executor.threads | 0 | isoprobe.executor.threads: 0 (expected: 1 to 256)",
      "isoprobe.executor.threads | four | isoprobe.executor.threads: 'four' (expected: a whole number)",
      "isoprobe.executor.queue-capacity | -1 | isoprobe.executor.queue-capacity: -1 (expected: 0 to 10000)",
      "isoprobe.executor.liveness-threads | 17 | isoprobe.executor.liveness-threads: 17 (expected: 1 to 16)",
      "isoprobe.paths.readiness | readyz | isoprobe.paths.readiness: 'readyz' (expected: '/' followed by",
      "isoprobe.shutdown.drain-delay | -1s | isoprobe.shutdown.drain-delay: PT-1S (expected: PT0S to PT10M)",
      "isoprobe.shutdown.timeout | 0s | isoprobe.shutdown.timeout: PT0S (expected: > 0)",
      "isoprobe.shutdown.timeout | 11m | isoprobe.shutdown.timeout: PT11M (expected: PT0S to PT10M)",
      "isoprobe.details | some | isoprobe.details: 'some' (expected: one of never, always, when-authorized)",
      "isoprobe.enabled | maybe | isoprobe.enabled: 'maybe' (expected: true or false)",
      "isoprobe.details-roles | 'ops,,' | isoprobe.details-roles: 'ops,,' (expected: role names, none blank)",
      "isoprobe.details-token.header | ' ' | isoprobe.details-token.header: '' (expected: a header name)",
      "isoprobe.checks.db.groups | ' ' | isoprobe.checks.db.groups: '' (expected: one or more of liveness, readiness, startup)",
      "isoprobe.checks.db.groups | readiness,web | isoprobe.checks.db.groups: 'web' (expected: one of liveness, readiness, startup)",
      "isoprobe.checks.db.timeout | 2s | isoprobe.checks.db.timeout: PT2S (expected: > 0 and <= isoprobe.timeout (PT0.8S))",
      "isoprobe.checks[db/primary].timeout | 0s | isoprobe.checks[db/primary].timeout: PT0S (expected: > 0 and",
      "isoprobe.checks.db.timeuot | 1s | isoprobe.checks.db.timeuot: not a setting of a check (expected: isoprobe.checks.db.enabled|timeout|groups|failure-threshold|success-threshold)",
      "isoprobe.checks.deadlock.timeout | 1s | isoprobe.checks.deadlock.timeout: set (expected: only 'enabled'",
      "isoprobe.checks.deadlock.failure-threshold | 2 | isoprobe.checks.deadlock.failure-threshold: set (expected: only 'enabled'",
      "isoprobe.failure-threshold | 0 | isoprobe.failure-threshold: 0 (expected: 1 to 100)",
      "isoprobe.success-threshold | 101 | isoprobe.success-threshold: 101 (expected: 1 to 100)",
      "isoprobe.failure-threshold | three | isoprobe.failure-threshold: 'three' (expected: a whole number)",
      "isoprobe.checks.db.failure-threshold | 0 | isoprobe.checks.db.failure-threshold: 0 (expected: 1 to 100)",
      "isoprobe.checks[db/primary].successThreshold | -2 | isoprobe.checks[db/primary].success-threshold: -2 (expected: 1 to 100)",
      "isoprobe.checks.db.success-threshold | two | isoprobe.checks.db.success-threshold: 'two' (expected: a whole number)",
      "isoprobe.checks.db.refresh-every | 1ms | isoprobe.checks.db.refresh-every: PT0.001S (expected: >= PT0.01S)",
      "isoprobe.checks[db/primary].max-age | 0s | isoprobe.checks[db/primary].max-age: PT0S (expected: > 0)",
      "isoprobe.checks.db.refreshEvery | often | isoprobe.checks.db.refresh-every: 'often' (expected: a duration",
      "isoprobe.timout | 1s | isoprobe.timout: not a setting of isoprobe (expected one of: isoprobe.config-file,"})
  void aBadValueFailsNamingTheKey(String key, String value, String message) {
    assertThatIllegalArgumentException().isThrownBy(() -> ProbesConfig.from(Map.of(key, value)))
        .withMessageStartingWith(message);
  }

  @Test
  void aShortTokenFailsWithItsLengthNeverItsValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.details-token.value", "S3cr3tV4lu")))
        .withMessage("isoprobe.details-token.value: 10 characters (expected: at least 16)")
        .satisfies(bad -> assertThat(bad).hasNoCause());
    assertThat(ProbesConfig.from(Map.of("isoprobe.details-token.value", "0123456789abcdefXYZ"))
        .toString()).doesNotContain("0123456789abcdef").contains("isoprobe.details-token.value=***");
  }

  @Test
  void theBuilderCarriesEverySetting() {
    Probes probes = ProbesConfig.from(Map.of("isoprobe.timeout", "500ms",
            "isoprobe.paths.readiness", "/ready", "isoprobe.checks.deadlock.enabled", "false"))
        .builder(List.of()).build();
    try (probes) {
      assertThat(probes.deadline()).isEqualTo(Duration.ofMillis(500));
      assertThat(probes.paths().routes().match("/ready", null)).isNotNull();
      assertThat(names(probes, Group.LIVENESS)).isEmpty();
    }
  }

  @Test
  void checkSettingsComeFromTheNearestNameThatSetsThem() {
    Probes probes = ProbesConfig.from(Map.of(
            "isoprobe.checks.db.timeout", "300ms",
            "isoprobe.checks.db.groups", "readiness, startup",
            "isoprobe.checks[db/primary].timeout", "100ms",
            "isoprobe.checks.cache.enabled", "false"))
        .builder(List.of(check("db/primary"), check("db/replica"), check("cache"), check("queue")))
        .build();
    try (probes) {
      Map<String, Check> checks = probes.engine().select(Group.READINESS, Set.of()).stream()
          .collect(Collectors.toMap(CheckRunner::name, CheckRunner::check));
      assertThat(checks).containsOnlyKeys("db/primary", "db/replica", "queue");
      assertThat(checks.get("db/primary").timeout()).isEqualTo(Duration.ofMillis(100));
      assertThat(checks.get("db/replica").timeout()).isEqualTo(Duration.ofMillis(300));
      assertThat(checks.get("db/replica").groups()).isEqualTo(EnumSet.of(Group.READINESS, Group.STARTUP));
      assertThat(checks.get("queue").timeout()).isNull();
    }
  }

  @Test
  void thresholdsComeFromTheNearestNameThatSetsThemAndOtherwiseFromTheDefaults() {
    Probes probes = ProbesConfig.from(Map.of(
            "isoprobe.failure-threshold", "3",
            "isoprobe.success-threshold", "2",
            "isoprobe.checks.db.failure-threshold", "5",
            "isoprobe.checks[db/primary].failureThreshold", "4",
            "isoprobe.checks.db.success_threshold", "1"))
        .builder(List.of(check("db/primary"), check("db/replica"), check("queue")))
        .build();
    try (probes) {
      Map<String, Check> checks = probes.engine().select(Group.READINESS, Set.of()).stream()
          .collect(Collectors.toMap(CheckRunner::name, CheckRunner::check));
      assertThat(checks.get("db/primary").failureThreshold()).isEqualTo(4);
      assertThat(checks.get("db/replica").failureThreshold()).isEqualTo(5);
      assertThat(checks.get("db/replica").successThreshold()).isEqualTo(1);
      // Set by no name: the probes' defaults apply when the check runs.
      assertThat(checks.get("queue").failureThreshold()).isZero();
      assertThat(ProbesConfig.from(Map.of("isoprobe.failure-threshold", "3")).asMap())
          .containsEntry("isoprobe.failure-threshold", "3")
          .containsEntry("isoprobe.success-threshold", "1");
    }
  }

  @Test
  void aMaxAgeFitsARefreshSetInCodeOrByAnotherNameAndFailsTheCheckItDoesNotFit() {
    Check refreshedInCode = Check.builder("cache", ctx -> CheckResult.up())
        .refreshEvery(Duration.ofSeconds(10)).build();
    ProbesConfig config = ProbesConfig.from(Map.of(
        "isoprobe.checks.cache.max-age", "60s",
        "isoprobe.checks.db.refresh-every", "5s",
        "isoprobe.checks[db/primary].max-age", "20s"));
    try (Probes probes = config.builder(List.of(refreshedInCode, check("db/primary"))).build()) {
      Map<String, Check> checks = probes.engine().select(Group.READINESS, Set.of()).stream()
          .collect(Collectors.toMap(CheckRunner::name, CheckRunner::check));
      assertThat(checks.get("cache").maxAge()).isEqualTo(Duration.ofSeconds(60));
      assertThat(checks.get("db/primary").refreshEvery()).isEqualTo(Duration.ofSeconds(5));
      assertThat(checks.get("db/primary").maxAge()).isEqualTo(Duration.ofSeconds(20));
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.checks[db/primary].max-age", "20s"))
            .builder(List.of(check("db/primary"))))
        .withMessage("isoprobe.checks[db/primary].max-age: PT20S (expected: longer than"
            + " isoprobe.checks[db/primary].refresh-every, which is not set)");
  }

  @Test
  void aDisabledCompositeDisablesEveryMember() {
    Probes probes = ProbesConfig.from(Map.of("isoprobe.checks.db.enabled", "false",
            "isoprobe.checks[db/primary].enabled", "true"))
        .builder(List.of(check("db/primary"), check("queue"))).build();
    try (probes) {
      assertThat(names(probes, Group.READINESS)).containsExactly("queue");
    }
  }

  @Test
  void settingsForACheckThatDoesNotExistFailListingTheKnownNames() {
    ProbesConfig config = ProbesConfig.from(Map.of("isoprobe.checks.dbb.timeout", "100ms"));

    assertThatIllegalArgumentException().isThrownBy(() -> config.builder(List.of(check("db"))))
        .withMessage("isoprobe.checks.dbb: no check has this name (known: db, deadlock; a name "
            + "with '/' is written in brackets: isoprobe.checks[db/primary].timeout)");
  }

  @Test
  void rolesAndTokenAuthorizeDetails() {
    assertThat(ProbesConfig.from(Map.of()).detailsAuthorizer()).isEmpty();
    assertThat(ProbesConfig.from(Map.of("isoprobe.details-roles", "ops")).detailsAuthorizer())
        .isPresent();
  }

  @Test
  void sourcesAreReadHighestFirstInitParametersSystemPropertiesEnvironmentFileClassPath()
      throws IOException {
    Path named = Files.writeString(directory.resolve("named.properties"),
        "isoprobe.timeout=400ms\nisoprobe.executor.threads=5\nisoprobe.executor.queue-capacity=5\n"
            + "isoprobe.executor.liveness-threads=5\nisoprobe.paths.health=/named\n");
    ClassLoader classPath = classPath("isoprobe.timeout=100ms\nisoprobe.executor.threads=9\n"
        + "isoprobe.executor.queue-capacity=9\nisoprobe.executor.liveness-threads=9\n"
        + "isoprobe.paths.health=/cp\nisoprobe.paths.startup=/cp-startup\n");
    Properties system = new Properties();
    system.setProperty("isoprobe.timeout", "300ms");
    system.setProperty("isoprobe.executor.threads", "3");
    system.setProperty("isoprobe.executor.queueCapacity", "3");
    Map<String, String> environment = Map.of("ISOPROBE_TIMEOUT", "200ms",
        "ISOPROBE_EXECUTOR_THREADS", "2", "ISOPROBE_EXECUTOR_QUEUECAPACITY", "2",
        "ISOPROBE_EXECUTOR_LIVENESSTHREADS", "2", "ISOPROBE_CONFIGFILE", named.toString(),
        "ISOPROBE_SERVICE_HOST", "10.0.0.1", "ISOPROBE_PORT", "tcp://10.0.0.1:80");

    Map<String, String> config = ProbesConfig.parse(ConfigSources.read(
        Map.of("isoprobe.timeout", "700ms"), system, environment, classPath, ProbesConfig.keys()),
        List.of()).asMap();

    assertThat(config).containsEntry("isoprobe.timeout", "PT0.7S")
        .containsEntry("isoprobe.executor.threads", "3")
        .containsEntry("isoprobe.executor.queue-capacity", "3")
        .containsEntry("isoprobe.executor.liveness-threads", "2")
        .containsEntry("isoprobe.paths.health", "/named")
        .containsEntry("isoprobe.paths.startup", "/cp-startup");
  }

  @Test
  void environmentVariablesSetChecksByLowerCaseName() {
    Map<String, String> config = ProbesConfig.parse(ConfigSources.read(Map.of(), new Properties(),
        Map.of("ISOPROBE_CHECKS_DB_TIMEOUT", "250ms", "ISOPROBE_CHECKS_DB_GROUPS", "startup",
            "ISOPROBE_CHECKS_DB_FAILURETHRESHOLD", "3", "ISOPROBE_FAILURETHRESHOLD", "2",
            "ISOPROBE_CHECKS_PORT", "80"), null, ProbesConfig.keys()), List.of()).asMap();

    assertThat(config).containsEntry("isoprobe.checks.db.timeout", "PT0.25S")
        .containsEntry("isoprobe.checks.db.groups", "startup")
        .containsEntry("isoprobe.checks.db.failure-threshold", "3")
        .containsEntry("isoprobe.failure-threshold", "2")
        .doesNotContainKey("isoprobe.checks.port");
  }

  @Test
  void aBadValueSaysWhereItWasSet() throws IOException {
    Path file = Files.writeString(directory.resolve("bad.properties"), "isoprobe.executor.threads=0\n");
    Properties system = new Properties();
    system.setProperty("isoprobe.config-file", file.toString());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.parse(ConfigSources.read(Map.of(), system, Map.of(), null,
            ProbesConfig.keys()), List.of()))
        .withMessage("isoprobe.executor.threads: 0 (expected: 1 to 256), set by file " + file
            + " (isoprobe.executor.threads)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.parse(ConfigSources.read(Map.of(), new Properties(),
            Map.of("ISOPROBE_TIMEOUT", "0"), null, ProbesConfig.keys()), List.of()))
        .withMessage("isoprobe.timeout: PT0S (expected: > 0), set by environment variable ISOPROBE_TIMEOUT");
  }

  @Test
  void aNamedFileThatCannotBeReadFailsNamingTheKey() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("isoprobe.config-file", directory.resolve("missing.properties").toString());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ConfigSources.read(overrides, new Properties(), Map.of(), null,
            ProbesConfig.keys()))
        .withMessageStartingWith("isoprobe.config-file: '" + directory.resolve("missing.properties")
            + "' (expected: a readable properties file; NoSuchFileException), set by init-parameter");
  }

  private ClassLoader classPath(String properties) throws IOException {
    Path root = Files.createDirectories(directory.resolve("classes"));
    Files.writeString(root.resolve("isoprobe.properties"), properties);
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }

  private static Check check(String name) {
    return Check.builder(name, UP).build();
  }

  private static List<String> names(Probes probes, Group group) {
    return probes.engine().select(group, Set.of()).stream().map(CheckRunner::name).toList();
  }
}
