/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settings that conflict only once the beans have had their say fail startup with an
 * {@code IllegalStateException} naming the {@code isoprobe.*} key, and what code set as code
 * names it.
 */
class BuildRefusalTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(IsoprobeAutoConfiguration.class));

  @Test
  void twoPathsAlike() {
    runner.withPropertyValues("isoprobe.paths.readiness=/livez").run(context -> {
      assertThat(context).hasFailed();
      assertThat(named(context.getStartupFailure(), "isoprobe.paths: "))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("isoprobe.paths: '/livez' and '/livez' (expected: distinct, neither under "
              + "the other)");
    });
  }

  @Test
  void aCheckBeanWhoseTimeoutExceedsTheDeadline() {
    runner.withUserConfiguration(SlowCheck.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(named(context.getStartupFailure(), "isoprobe.checks.slow.timeout: "))
          .isExactlyInstanceOf(IllegalStateException.class)
          .hasMessage("isoprobe.checks.slow.timeout: PT2S (expected: <= deadline PT0.8S)");
    });
  }

  /** The outermost cause whose message starts with {@code prefix}. */
  private static Throwable named(Throwable failure, String prefix) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      causes.add(cause);
    }
    return causes.stream().filter(cause -> String.valueOf(cause.getMessage()).startsWith(prefix))
        .findFirst().orElseThrow(() -> new AssertionError("no cause starts with " + prefix));
  }

  @Configuration(proxyBeanMethods = false)
  static class SlowCheck {
    @Bean
    Check slowCheck() {
      return Check.builder("slow", context -> CheckResult.up()).timeout(Duration.ofSeconds(2))
          .build();
    }
  }
}
