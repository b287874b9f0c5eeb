/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.isoprobe.internal.ModuleProperties;
import dev.isoprobe.internal.ModuleProperties.Property;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Another module's properties (the servlet module's) are read with the core's settings, in the
 * core's forms and words, and are the core's own keys nowhere else.
 */
class ModulePropertiesTest {

  private static final Property FLAG = Property.flag("register-filter");
  private static final Property NAMES = Property.names("check-providers");

  @Test
  void theyAreReadWithTheProbesSettingsInEveryFormOfKeyAndValue() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of("isoprobe.registerFilter", "TRUE",
        "isoprobe.check_providers", " com.example.Db , com.example.Cache ",
        "isoprobe.timeout", "500ms"), List.of(FLAG, NAMES));

    assertThat(loaded.flag(FLAG)).isTrue();
    assertThat(loaded.names(NAMES)).containsExactly("com.example.Db", "com.example.Cache");
    assertThat(loaded.probes().asMap()).containsEntry("isoprobe.timeout", "PT0.5S")
        .doesNotContainKeys("isoprobe.register-filter", "isoprobe.check-providers");
  }

  @Test
  void unsetTheyHaveTheirDefaults() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of(), List.of(FLAG, NAMES));

    assertThat(loaded.flag(FLAG)).isFalse();
    assertThat(loaded.names(NAMES)).isEmpty();
  }

  @Test
  void aBadValueIsRefusedInTheCoresWordsSayingWhereItWasSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModuleProperties.load(Map.of("isoprobe.register-filter", "maybe"),
            List.of(FLAG)))
        .isInstanceOf(InvalidSettingException.class)
        .withMessage("isoprobe.register-filter: 'maybe' (expected: true or false), "
            + "set by init-parameter isoprobe.register-filter");
  }

  @Test
  void theModulesOwnRefusalSaysWhereTheValueWasSet() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(
        Map.of("isoprobe.check-providers", "com.example.Nope"), List.of(NAMES));

    InvalidSettingException refusal = loaded.refusal(NAMES, "'com.example.Nope'", "a class");

    assertThat(refusal).hasMessage("isoprobe.check-providers: 'com.example.Nope' (expected: a "
        + "class), set by init-parameter isoprobe.check-providers");
    assertThat(refusal.key()).isEqualTo("isoprobe.check-providers");
    assertThat(refusal.origin()).contains("init-parameter isoprobe.check-providers");
  }

  @Test
  void anEnvironmentVariableSetsOneAsItSetsTheCoresOwn() {
    List<Setting<?>> module = List.of(Setting.of("register-filter", ConfigValues.BOOLEAN, "false"));

    ProbesConfig config = ProbesConfig.parse(ConfigSources.read(Map.of(), new Properties(),
        Map.of("ISOPROBE_REGISTERFILTER", "true"), null, ProbesConfig.keys(module)), module);

    assertThat((Boolean) config.get(module.get(0))).isTrue();
    assertThat(config.origin(module.get(0))).isEqualTo("environment variable ISOPROBE_REGISTERFILTER");
  }

  @Test
  void withoutTheModuleTheyAreNoSettingOfIsoprobe() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.register-filter", "true")))
        .withMessageStartingWith("isoprobe.register-filter: not a setting of isoprobe");
  }

  @Test
  void aPropertyNotOfTheLoadIsRefusedAsAMistakeOfIsoprobesOwn() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of(), List.of(FLAG));

    assertThatIllegalArgumentException().isThrownBy(() -> loaded.names(NAMES));
    assertThatIllegalArgumentException().isThrownBy(() -> loaded.names(FLAG));
  }
}
