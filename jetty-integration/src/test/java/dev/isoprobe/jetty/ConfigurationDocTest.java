/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ConfigurationDoc;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has a line for every public method of {@link JettyProbes}. */
class ConfigurationDocTest {

  @Test
  void everyPublicMethodIsDocumented() throws IOException {
    String section = ConfigurationDoc.section("`JettyProbes`");

    String[] methods = ConfigurationDoc.signatures(JettyProbes.class);

    assertThat(methods).hasSizeGreaterThanOrEqualTo(3);
    assertThat(section).contains(methods);
  }
}
