/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static dev.isoprobe.ConfigurationDoc.section;
import static dev.isoprobe.ConfigurationDoc.signature;
import static dev.isoprobe.ConfigurationDoc.signatures;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md has a line for every public method of the builders: a setting added
 * without one fails the build.
 */
class ConfigurationDocTest {

  @Test
  void everyProbesBuilderMethodIsDocumented() throws IOException {
    assertThat(section("`Probes.Builder`")).contains(signatures(Probes.Builder.class));
  }

  @Test
  void everyCheckBuilderMethodIsDocumented() throws IOException {
    assertThat(section("`Check.Builder`"))
        .contains(signatures(Check.Builder.class))
        .contains("`builder(String, HealthCheck)`");
  }

  @Test
  void everyPropertyAndProbesConfigMethodIsDocumented() throws IOException {
    String section = section("Properties (`isoprobe.*`)");
    assertThat(section).contains(ProbesConfig.keys().stream().map(key -> "| `" + key + "` |")
        .toArray(String[]::new));
    assertThat(section).contains(Arrays.stream(signatures(ProbesConfig.class))
        .filter(signature -> !signature.equals("`toString()`")).toArray(String[]::new));
  }

  @Test
  void everyPropertyIsDocumentedWithTheDefaultTheSettingsTableGivesIt() throws IOException {
    String section = section("Properties (`isoprobe.*`)");
    for (Setting<?> setting : Settings.OF_PROBES) {
      String defaultText = setting.defaultText().isEmpty() ? "none" : "`" + setting.defaultText() + "`";
      assertThat(section).contains("| `" + SettingNames.PROPERTIES.of(setting) + "` | " + defaultText + " |");
    }
  }

  @Test
  void signaturesNameTheParameterTypes() throws NoSuchMethodException {
    assertThat(signature(Check.Builder.class.getMethod("groups", Group.class, Group[].class)))
        .isEqualTo("`groups(Group, Group...)`");
  }
}
