/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Probes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShutdownComponentTest {

  @Test
  void waitsIsoprobesOneDefaultUnlessHalfTheStopTimeoutIsShorter() {
    assertThat(ShutdownComponent.timeoutWithin(10_000)).isEqualTo(Probes.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(ShutdownComponent.timeoutWithin(2_000)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ShutdownComponent.timeoutWithin(500)).isEqualTo(Duration.ofMillis(250));
    assertThat(ShutdownComponent.timeoutWithin(1)).isEqualTo(Duration.ofMillis(1));
  }
}
