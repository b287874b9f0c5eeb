/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What a second reader of the settings table found it changed, each kept as it was before the
 * table (or, for the two that were wrong before, as it is now and why).
 */
class SettingsTableSecondReaderTest {

  private static final HealthCheck UP = ctx -> CheckResult.up();
  private static final String ONLY_ENABLED =
      ": set (expected: only 'enabled'; the built-in deadlock check takes no other setting)";
  private static final String PATH_EXPECTED = " (expected: '/' followed by letters, digits, '.', "
      + "'_', '~' or '-' segments, none of them '.' or '..', at most 128)";

  @Test
  void theDeadlockChecksOtherSettingsAreRefusedFirstByName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.checks.deadlock.timeout", "100ms",
            "isoprobe.checks.deadlock.groups", "readiness")))
        .withMessage("isoprobe.checks.deadlock.groups" + ONLY_ENABLED);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.checks.deadlock.refresh-every", "1s",
            "isoprobe.checks.deadlock.max-age", "5s")))
        .withMessage("isoprobe.checks.deadlock.max-age" + ONLY_ENABLED);
  }

  @Test
  void aRoleOfBlanksIsRefusedWhenSettingsAreReadBeforeTheSettingsAfterIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.enabled", "false",
            "isoprobe.details-roles", "ops,\u3000", "isoprobe.shutdown.drain-delay", "-1s")))
        .withMessage("role: '' (expected: a role name)");
  }

  @Test
  void aHeaderOfBlanksIsShownEmpty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.details-token.header", "\u3000")))
        .withMessage("isoprobe.details-token.header: '' (expected: a header name)");
  }

  @Test
  void aPathIsShownAsWritten() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Probes.builder().livenessPath("/live\tz"))
        .withMessage("paths.liveness: '/live\tz'" + PATH_EXPECTED);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.paths.readiness", "/ready\u2028z")))
        .withMessage("isoprobe.paths.readiness: '/ready\u2028z'" + PATH_EXPECTED);
  }

  @Test
  void settingsThatConflictWhenBuiltNameTheirKeyAndWhatCodeSet() {
    ProbesConfig config = ProbesConfig.from(Map.of("isoprobe.timeout", "500ms"));
    Probes.Builder member = config.builder(List.of(
        Check.builder("db/primary", UP).timeout(Duration.ofSeconds(1)).build()));
    assertThatIllegalArgumentException().isThrownBy(() -> config.build(member))
        .withMessage("isoprobe.checks.db/primary.timeout: PT1S (expected: <= deadline PT0.5S)");

    Probes.Builder customized = ProbesConfig.from(Map.of()).builder(List.of(
        Check.builder("db", UP).timeout(Duration.ofMillis(500)).build()))
        .deadline(Duration.ofMillis(100)); // as a ProbesCustomizer would
    assertThatIllegalArgumentException().isThrownBy(() -> config.build(customized))
        .withMessage("isoprobe.checks.db.timeout: PT0.5S (expected: <= deadline PT0.1S)");
  }

  /** Before the table, a check's refusal took the origin of whichever of its settings came last. */
  @Test
  void aChecksRefusedSettingSaysWhereThatSettingWasSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.parse(ConfigSources.read(
            Map.of("isoprobe.checks.db.groups", "readiness"), new Properties(),
            Map.of("ISOPROBE_CHECKS_DB_TIMEOUT", "2s"), null, ProbesConfig.keys()), List.of()))
        .withMessage("isoprobe.checks.db.timeout: PT2S (expected: > 0 and <= isoprobe.timeout "
            + "(PT0.8S)), set by environment variable ISOPROBE_CHECKS_DB_TIMEOUT");
  }

  /** Before the table, this failed with NumberFormatException's own message. */
  @Test
  void aDurationTooLongToCountIsRefusedNamingItsKeyAndWhereItWasSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.parse(ConfigSources.read(
            Map.of("isoprobe.checks.db.timeout", "99999999999999999999ms"), new Properties(),
            Map.of(), null, ProbesConfig.keys()), List.of()))
        .withMessage("isoprobe.checks.db.timeout: '99999999999999999999ms' (expected: a duration "
            + "such as 800ms, 5s, 1m or PT0.8S), set by init-parameter isoprobe.checks.db.timeout");
  }
}
