/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Misconfiguration fails at build time with a message naming the setting. */
class ProbesBuilderTest {

  private static final HealthCheck UP = ctx -> CheckResult.up();

  @Test
  void deadlineMustBePositiveAndAtMostAMinute() {
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().deadline(Duration.ZERO))
        .withMessage("deadline: PT0S (expected: > 0)");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().deadline(Duration.ofMillis(-1)))
        .withMessageStartingWith("deadline: ");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().deadline(Duration.ofHours(1)))
        .withMessage("deadline: PT1H (expected: <= PT1M)");
  }

  @Test
  void executorSizesAreBounded() {
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().executorThreads(0))
        .withMessage("executor.threads: 0 (expected: 1 to 256)");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().queueCapacity(-1))
        .withMessage("executor.queue-capacity: -1 (expected: 0 to 10000)");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().livenessThreads(17))
        .withMessage("executor.liveness-threads: 17 (expected: 1 to 16)");
  }

  @Test
  void checkTimeoutMayNotExceedTheDeadline() {
    Probes.Builder builder = Probes.builder().deadline(Duration.ofMillis(500))
        .check(Check.builder("db", UP).timeout(Duration.ofSeconds(1)).build());

    assertThatIllegalArgumentException().isThrownBy(builder::build)
        .withMessage("checks.db.timeout: PT1S (expected: <= deadline PT0.5S)");
  }

  @Test
  void checkNamesAreValidatedAndUnique() {
    assertThatIllegalArgumentException().isThrownBy(() -> Check.builder("no spaces", UP))
        .withMessageStartingWith("name: 'no spaces' (expected: ");
    assertThatIllegalArgumentException().isThrownBy(() -> Check.builder("", UP));
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder()
            .check(Check.builder("db", UP).build()).check(Check.builder("db", UP).build()).build())
        .withMessage("checks: 'db' (expected: unique names)");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder()
            .check(Check.builder("deadlock", UP).build()).build())
        .withMessage("checks: 'deadlock' (expected: unique names)");
    assertThatNoException().isThrownBy(() -> Probes.builder().deadlockCheck(false)
        .check(Check.builder("deadlock", UP).build()).build().close());
  }

  @Test
  void checkLimitsAreValidated() {
    assertThatIllegalArgumentException().isThrownBy(() -> Check.builder("db", UP).timeout(Duration.ZERO))
        .withMessage("checks.db.timeout: PT0S (expected: > 0)");
    assertThatIllegalArgumentException().isThrownBy(() -> Check.builder("db", UP).cacheFor(Duration.ofSeconds(-1)))
        .withMessage("checks.db.cache-for: PT-1S (expected: >= 0)");
  }

  @Test
  void pathsMustBeDistinctAndWellFormed() {
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().readinessPath("readyz"))
        .withMessageStartingWith("paths.readiness: 'readyz' (expected: ");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().livenessPath("/live/"))
        .withMessageStartingWith("paths.liveness: '/live/'");
    // The container routes dot segments away: such a path could never be probed.
    for (String dotted : new String[] {"/a/..", "/.", "/../livez", "/a/./b"}) {
      assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().livenessPath(dotted))
          .withMessage("paths.liveness: '" + dotted + "' (expected: '/' followed by letters, "
              + "digits, '.', '_', '~' or '-' segments, none of them '.' or '..', at most 128)");
    }
    assertThatNoException().isThrownBy(() -> Probes.builder().livenessPath("/.well-known/livez")
        .readinessPath("/v1.2/readyz"));
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().livenessPath("/readyz").build())
        .withMessageStartingWith("paths: '/readyz' and '/readyz'");
    assertThatIllegalArgumentException().isThrownBy(() -> Probes.builder().healthPath("/readyz/all").build())
        .withMessageStartingWith("paths: '/readyz/all' and '/readyz'");
  }
}
