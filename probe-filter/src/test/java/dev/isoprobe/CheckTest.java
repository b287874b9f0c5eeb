/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckTest {

  @Test
  void toBuilderStartsFromEverySettingAndLeavesTheOriginalAlone() {
    HealthCheck ping = ctx -> CheckResult.up();
    Check original = Check.builder("db/primary", ping).groups(Group.READINESS, Group.STARTUP)
        .timeout(Duration.ofMillis(500)).cacheFor(Duration.ofSeconds(2)).build();

    Check copy = original.toBuilder().build();
    Check changed = original.toBuilder().groups(Group.LIVENESS).timeout(Duration.ofMillis(100)).build();

    assertThat(copy.name()).isEqualTo("db/primary");
    assertThat(copy.healthCheck()).isSameAs(ping);
    assertThat(copy.groups()).containsExactlyInAnyOrder(Group.READINESS, Group.STARTUP);
    assertThat(copy.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(copy.cacheFor()).isEqualTo(Duration.ofSeconds(2));
    assertThat(changed.groups()).containsExactly(Group.LIVENESS);
    assertThat(changed.timeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(changed.cacheFor()).isEqualTo(Duration.ofSeconds(2));
    assertThat(original.groups()).containsExactlyInAnyOrder(Group.READINESS, Group.STARTUP);
    assertThat(original.timeout()).isEqualTo(Duration.ofMillis(500));
  }
}
