/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ConfigurationDoc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has a line for every public method of {@link GracefulShutdown.Builder}. */
class ConfigurationDocTest {

  @Test
  void everyBuilderMethodIsDocumented() throws IOException {
    String section = ConfigurationDoc.section("`GracefulShutdown.Builder`");

    String[] methods = ConfigurationDoc.signatures(GracefulShutdown.Builder.class);

    assertThat(methods).contains("`drainDelay(Duration)`", "`timeout(Duration)`");
    assertThat(section).contains(methods).contains("`builder(Probes)`");
  }
}
