/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Probes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/kubernetes.md's shutdown defaults are the builder's. */
class KubernetesDocTest {

  @Test
  void theStoppingDefaultIsTheBuildersOneSecond() throws Exception {
    String doc = Files.readString(Path.of("../docs/kubernetes.md"));
    assertThat(doc).contains("(`isoprobe.shutdown.timeout` and `GracefulShutdown.Builder.timeout`, default\n"
        + "   1 s everywhere;");
    try (Probes probes = Probes.builder().build()) {
      assertThat(GracefulShutdown.builder(probes).build().timeout()).isEqualTo(Duration.ofSeconds(1));
    }
  }
}
