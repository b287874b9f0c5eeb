/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.ShowDetails;
import dev.isoprobe.StatusChange;
import dev.isoprobe.TestChecks;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletResponse;

/** Wiring, conditions and failure messages, without a server. */
@ExtendWith(OutputCaptureExtension.class)
class IsoprobeAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          IsoprobeAutoConfiguration.class, IsoprobeAvailabilityAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class, IsoprobeLifecycleAutoConfiguration.class));

  @Test
  void registersAsyncFilterForEveryPathAheadOfSpringSecurity() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Probes.class).hasSingleBean(ProbesLifecycle.class);
      FilterRegistrationBean<?> registration = context.getBean(
          IsoprobeAutoConfiguration.FILTER_REGISTRATION, FilterRegistrationBean.class);
      assertThat(registration.isAsyncSupported()).isTrue();
      assertThat(registration.getUrlPatterns()).containsExactly("/*");
      // Spring Security's filter chain is registered at order -100.
      assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE).isLessThan(-100);
      assertThat(registration.getFilter().getClass().getName()).isEqualTo("dev.isoprobe.ProbeFilter");
    });
  }

  @Test
  void healthIndicatorBecomesReadinessCheckNamedAsActuatorNamesIt() {
    runner.withUserConfiguration(Indicators.class).run(context -> {
      available(context);
      MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
      assertThat(ready.getStatus()).isEqualTo(503);
      assertThat(ready.getContentAsString())
          .contains("[+]db ok", "[-]cache failed: down", "[+]readinessState ok")
          .doesNotContain("deadlock", "livenessState");
      MockHttpServletResponse live = MockProbe.get(context, "/livez?verbose");
      assertThat(live.getStatus()).isEqualTo(200);
      assertThat(live.getContentAsString()).contains("[+]deadlock ok", "[+]livenessState ok")
          .doesNotContain("db", "cache");
      assertThat(MockProbe.get(context, "/healthz?verbose").getContentAsString())
          .contains("[+]db ok", "[-]cache failed", "[+]livenessState ok", "[+]deadlock ok");
    });
  }

  @Test
  void healthIndicatorDetailsAndStatusesAreCarried() {
    assertThat(BootHealth.result(Health.up().withDetail("pool", 3).build()))
        .isEqualTo(CheckResult.up(java.util.Map.of("pool", 3)));
    assertThat(BootHealth.result(Health.outOfService().build()).healthy()).isFalse();
    assertThat(BootHealth.result(Health.unknown().build()).healthy()).isFalse();
    assertThat(BootHealth.result(Health.status("DEGRADED").build()).healthy()).isFalse();
    assertThat(BootHealth.result(null).healthy()).isFalse();
  }

  @Test
  void availabilityStateDrivesTheStateChecks() {
    // No warm-up: under load it could still answer /startupz "starting" after the events below.
    runner.withPropertyValues("isoprobe.warm-up=0s").run(context -> {
      // Before the application has started, liveness is BROKEN and readiness REFUSING_TRAFFIC.
      assertThat(MockProbe.get(context, "/livez?verbose").getContentAsString())
          .contains("[-]livenessState failed: down");
      assertThat(MockProbe.get(context, "/startupz").getStatus()).isEqualTo(503);
      available(context);
      assertThat(MockProbe.get(context, "/livez").getStatus()).isEqualTo(200);
      assertThat(MockProbe.get(context, "/startupz").getStatus()).isEqualTo(200);
      assertThat(MockProbe.get(context, "/readyz").getStatus()).isEqualTo(200);
      AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
      assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
          .contains("[-]readinessState failed: down");
      assertThat(MockProbe.get(context, "/livez").getStatus()).isEqualTo(200);
      AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
      assertThat(MockProbe.get(context, "/livez").getStatus()).isEqualTo(503);
    });
  }

  @Test
  void actuatorsOwnStateIndicatorsAreNotDuplicated() {
    runner.withUserConfiguration(ActuatorStateIndicator.class).run(context -> {
      assertThat(context).hasNotFailed();
      available(context);
      assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
          .doesNotContain("livenessState");
    });
  }

  @Test
  void groupsSettingMovesCheckToLivenessAndEnabledFalseRemovesIt() {
    runner.withUserConfiguration(Indicators.class)
        .withPropertyValues("isoprobe.checks.db.groups=liveness,startup",
            "isoprobe.checks.cache.enabled=false", "isoprobe.checks.deadlock.enabled=false")
        .run(context -> {
          available(context);
          assertThat(MockProbe.get(context, "/livez?verbose").getContentAsString())
              .contains("[+]db ok").doesNotContain("deadlock");
          // Liveness joined the warm-up's first runs; startup answers once it is over, which on
          // a loaded machine can be a moment after liveness's answer.
          await().atMost(Duration.ofSeconds(10))
              .until(() -> context.getBean(Probes.class).state() != Probes.State.STARTING);
          assertThat(MockProbe.get(context, "/startupz?verbose").getContentAsString())
              .contains("[+]db ok");
          MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
          assertThat(ready.getStatus()).isEqualTo(200);
          assertThat(ready.getContentAsString()).doesNotContain("db", "cache");
        });
  }

  @Test
  void checkBeansAndCheckSourcesAreServedWithTheirSettings() {
    runner.withUserConfiguration(CheckBeans.class)
        // No warm-up: a hung check's first run would be the warm-up's, whose time counts too.
        .withPropertyValues("isoprobe.timeout=300ms", "isoprobe.checks.fromSource.timeout=100ms",
            "isoprobe.warm-up=0s")
        .run(context -> {
          available(context);
          long start = System.nanoTime();
          MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
          long millis = (System.nanoTime() - start) / 1_000_000;
          // Timed out by its own 100 ms timeout, not by the 300 ms probe deadline.
          assertThat(ready.getContentAsString()).contains("[+]plain ok")
              .containsPattern("\\[-]fromSource failed: timeout after 1\\d\\dms");
          assertThat(millis).isLessThan(300 + 300);
        });
  }

  @Test
  void thresholdsAndBackgroundRefreshAreSetByProperties() {
    runner.withUserConfiguration(FlappingAndCounted.class)
        .withPropertyValues("isoprobe.failure-threshold=3", "isoprobe.success-threshold=2",
            "isoprobe.checks.counted.refresh-every=1h")
        .run(context -> {
          available(context);
          // Up, down, up, down...: behind a failure threshold of 3, never down.
          for (int probe = 0; probe < 10; probe++) {
            assertThat(MockProbe.get(context, "/readyz/flapping").getStatus()).isEqualTo(200);
          }
          assertThat(MockProbe.get(context, "/readyz/flapping").getContentAsString())
              .isIn("ok", "[+]flapping ok (1 of 3 failures: down)\nreadyz check passed");
          // Run once in the background at start, then only every hour: probes never run it.
          for (int probe = 0; probe < 10; probe++) {
            assertThat(MockProbe.get(context, "/readyz/counted").getStatus()).isEqualTo(200);
          }
          assertThat(context.getBean(FlappingAndCounted.class).counted).hasValue(1);
        });
  }

  @Test
  void healthListenerBeansHearEachChange() {
    runner.withUserConfiguration(Listening.class).run(context -> {
      available(context);
      assertThat(MockProbe.get(context, "/readyz/plain").getStatus()).isEqualTo(200);
      List<StatusChange> changes = context.getBean(Listening.class).changes;
      await().atMost(Duration.ofSeconds(5)).until(() -> changes.stream()
          .anyMatch(change -> change.name().equals("plain") && change.up()));
    });
  }

  @Test
  void aBadThresholdFailsStartupNamingTheProperty() {
    runner.withPropertyValues("isoprobe.checks.livenessState.failure-threshold=0")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("isoprobe.checks.livenessState.failure-threshold: 0 (expected: 1 to 100)"));
  }

  @Test
  void pathsAreConfigurable() {
    runner.withPropertyValues("isoprobe.paths.readiness=/health/ready").run(context -> {
      available(context);
      assertThat(MockProbe.get(context, "/health/ready").getContentAsString()).isEqualTo("ok");
    });
  }

  @Test
  void aChildContextClosingDoesNotDrainTheParentsProbes() {
    runner.run(context -> {
      available(context);
      try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
        child.setParent(context);
        child.refresh();
      }
      assertThat(MockProbe.get(context, "/readyz").getContentAsString()).isEqualTo("ok");
      context.publishEvent(new ContextClosedEvent(context.getSourceApplicationContext()));
      assertThat(MockProbe.get(context, "/readyz").getContentAsString()).isEqualTo("draining");
      assertThat(MockProbe.get(context, "/livez").getContentAsString()).isEqualTo("ok");
    });
  }

  @Test
  void runWhenDisabledShouldNotCreateProbesOrFilter() {
    runner.withPropertyValues("isoprobe.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Probes.class)
          .doesNotHaveBean(IsoprobeAutoConfiguration.FILTER_REGISTRATION)
          .doesNotHaveBean(ProbesLifecycle.class)
          .doesNotHaveBean(IsoprobeHealthContributorAutoConfiguration.CHECK_SOURCE)
          .doesNotHaveBean("livenessStateCheck");
    });
  }

  @Test
  void withSpringSecurityDetailsAuthorizersSeeThePrincipalThroughIsoprobesOwnChain() {
    runner.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class,
            IsoprobeSecurityAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed()
            .hasBean(IsoprobeSecurityAutoConfiguration.PRINCIPAL_SCOPE));
    runner.withConfiguration(AutoConfigurations.of(ServletWebSecurityAutoConfiguration.class,
            IsoprobeSecurityAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Probes.class)
            .doesNotHaveBean(IsoprobeSecurityAutoConfiguration.PRINCIPAL_SCOPE));
  }

  @Test
  void runWhenNotAServletApplicationShouldBackOff() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IsoprobeAutoConfiguration.class,
            HealthContributorRegistryAutoConfiguration.class,
            IsoprobeHealthContributorAutoConfiguration.class, IsoprobeLifecycleAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Probes.class));
  }

  @Test
  void userBeansReplaceTheDefaults() {
    runner.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasSingleBean(Probes.class);
      assertThat(context.getBean(Probes.class)).isSameAs(context.getBean("ownProbes"));
      assertThat(context.getBean(IsoprobeAutoConfiguration.FILTER_REGISTRATION))
          .isSameAs(OwnBeans.REGISTRATION);
      assertThat(context.getBean("livenessStateCheck", Check.class).name()).isEqualTo("mine");
      assertThat(context).hasSingleBean(ProbesLifecycle.class);
    });
  }

  @Test
  void runWithoutActuatorServesAvailabilityChecksOnly() {
    runner.withClassLoader(new FilteredClassLoader(HealthContributorRegistry.class)).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Probes.class)
          .doesNotHaveBean(IsoprobeHealthContributorAutoConfiguration.CHECK_SOURCE);
      available(context);
      assertThat(MockProbe.get(context, "/healthz?verbose").getContentAsString())
          .contains("[+]livenessState ok", "[+]readinessState ok", "[+]deadlock ok");
    });
  }

  @Test
  void badTimeoutFailsStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.timeout: PT0S (expected: > 0)", "isoprobe.timeout=0s");
    assertFailsNaming("isoprobe.timeout: PT2M (expected: <= PT1M)", "isoprobe.timeout=2m");
  }

  @Test
  void badExecutorSettingsFailStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.executor.threads: 0 (expected: 1 to 256)", "isoprobe.executor.threads=0");
    assertFailsNaming("isoprobe.executor.queue-capacity: -1 (expected: 0 to 10000)",
        "isoprobe.executor.queue-capacity=-1");
    assertFailsNaming("isoprobe.executor.liveness-threads: 17 (expected: 1 to 16)",
        "isoprobe.executor.liveness-threads=17");
  }

  @Test
  void badPathsFailStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.paths.readiness: 'readyz'", "isoprobe.paths.readiness=readyz");
    assertFailsNaming("isoprobe.paths: '/livez' and '/livez'", "isoprobe.paths.readiness=/livez");
  }

  @Test
  void badShutdownSettingsFailStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.shutdown.drain-delay: PT-1S (expected: PT0S to PT10M)",
        "isoprobe.shutdown.drain-delay=-1s");
    assertFailsNaming("isoprobe.shutdown.timeout: PT11M", "isoprobe.shutdown.timeout=11m");
  }

  @Test
  void zeroShutdownTimeoutFailsStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.shutdown.timeout: PT0S (expected: > 0)", "isoprobe.shutdown.timeout=0s");
  }

  @ParameterizedTest
  @CsvSource({"redacted, 'check ''broken'' failed: IllegalStateException: FATAL: role \"app\" at db.internal:5432'",
      "none, 'check ''broken'' failed: IllegalStateException'"})
  void logErrorMessagesChoosesWhatAFailureLineShows(String setting, String line,
      CapturedOutput output) {
    runner.withBean("brokenCheck", Check.class, () -> Check.builder("broken", context -> {
          throw new IllegalStateException("FATAL: role \"app\" at db.internal:5432");
        }).build())
        .withPropertyValues("isoprobe.log-error-messages=" + setting)
        .run(context -> {
          available(context);
          assertThat(MockProbe.get(context, "/readyz").getStatus()).isEqualTo(503);
        });
    String failure = output.getAll().lines().filter(text -> text.contains("'broken' failed"))
        .findFirst().orElseThrow();
    assertThat(failure).endsWith(line);
  }

  @Test
  void closingTheContextLogsTheStackOfACheckThatIgnoresInterrupts(CapturedOutput output) {
    CountDownLatch release = new CountDownLatch(1);
    try {
      runner.withBean("stubbornCheck", Check.class, () -> Check.builder("stubborn", context -> {
            TestChecks.awaitIgnoringInterrupts(release);
            return CheckResult.up();
          }).build())
          .withPropertyValues("isoprobe.timeout=200ms", "isoprobe.shutdown.timeout=200ms")
          .run(context -> {
            available(context);
            assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
                .contains("[-]stubborn failed: timeout");
            ProbesLifecycle lifecycle = context.getBean(ProbesLifecycle.class);
            context.close();
            assertThat(lifecycle.isRunning()).isFalse();
          });
      // GracefulShutdown's report: the thread's name and the frame where the check is blocked.
      assertThat(output.getAll()).containsPattern("isoprobe thread isoprobe-check-\\S+ is still running")
          .contains("awaitIgnoringInterrupts");
    } finally {
      release.countDown();
    }
  }

  @Test
  void badDetailsFailStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.details", "isoprobe.details=sometimes");
    runner.withPropertyValues("isoprobe.details=when-authorized", "isoprobe.details-roles=ops")
        .run(context -> assertThat(context.getBean(IsoprobeProperties.class).getDetails())
            .isEqualTo(ShowDetails.WHEN_AUTHORIZED));
  }

  @Test
  void badCheckSettingsFailStartupNamingTheProperty() {
    assertFailsNaming("isoprobe.checks.nosuch", "isoprobe.checks.nosuch.enabled=false");
    assertFailsNaming("known: cache, db, deadlock, livenessState, readinessState",
        "isoprobe.checks.nosuch.enabled=false");
    assertFailsNaming("isoprobe.checks.db.timeout", "isoprobe.checks.db.timeout=0s");
    assertFailsNaming("isoprobe.checks.db.timeout", "isoprobe.checks.db.timeout=2s");
    assertFailsNaming("isoprobe.checks.db.groups", "isoprobe.checks.db.groups=");
    assertFailsNaming("isoprobe.checks.db.groups", "isoprobe.checks.db.groups=sometimes");
    assertFailsNaming("isoprobe.checks.deadlock.groups", "isoprobe.checks.deadlock.groups=readiness");
  }

  @Test
  void twoChecksOfOneNameFailStartup() {
    runner.withUserConfiguration(Indicators.class, DuplicateName.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .anySatisfy(message -> assertThat(message).contains("two checks are named 'db'"));
    });
  }

  private void assertFailsNaming(String expected, String... properties) {
    runner.withUserConfiguration(Indicators.class).withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertThat(messages(context.getStartupFailure()))
          .anySatisfy(message -> assertThat(message).contains(expected));
    });
  }

  /** Returns the messages of a failure and of each of its causes, root last. */
  private static List<String> messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.add(String.valueOf(cause.getMessage()));
    }
    return messages;
  }

  private static void available(AssertableWebApplicationContext context) {
    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
  }

  @Configuration(proxyBeanMethods = false)
  static class Indicators {
    @Bean
    HealthIndicator dbHealthIndicator() {
      return () -> Health.up().withDetail("pool", "ok").build();
    }

    @Bean
    HealthIndicator cacheHealthIndicator() {
      return () -> Health.outOfService().build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ActuatorStateIndicator {
    @Bean
    LivenessStateHealthIndicator livenessStateHealthIndicator(
        org.springframework.boot.availability.ApplicationAvailability availability) {
      return new LivenessStateHealthIndicator(availability);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class CheckBeans {
    @Bean
    Check plainCheck() {
      return Check.builder("plain", context -> CheckResult.up()).build();
    }

    @Bean
    CheckSource slowSource() {
      return () -> List.of(Check.builder("fromSource", context -> {
        new java.util.concurrent.CountDownLatch(1).await();
        return CheckResult.up();
      }).build());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class FlappingAndCounted {
    final AtomicInteger flaps = new AtomicInteger();
    final AtomicInteger counted = new AtomicInteger();

    @Bean
    Check flappingCheck() {
      return Check.builder("flapping",
          context -> flaps.getAndIncrement() % 2 == 0 ? CheckResult.up() : CheckResult.down()).build();
    }

    @Bean
    Check countedCheck() {
      return Check.builder("counted", context -> {
        counted.incrementAndGet();
        return CheckResult.up();
      }).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Listening {
    final List<StatusChange> changes = new CopyOnWriteArrayList<>();

    @Bean
    Check plainCheck() {
      return Check.builder("plain", context -> CheckResult.up()).build();
    }

    @Bean
    HealthListener recordingListener() {
      return new HealthListener() {
        @Override
        public void checkChanged(StatusChange change) {
          changes.add(change);
        }
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class DuplicateName {
    @Bean
    Check dbCheck() {
      return Check.builder("db", context -> CheckResult.up()).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final FilterRegistrationBean<Filter> REGISTRATION = new FilterRegistrationBean<>();

    @Bean
    Probes ownProbes() {
      return Probes.builder().deadlockCheck(false).build();
    }

    @Bean(IsoprobeAutoConfiguration.FILTER_REGISTRATION)
    FilterRegistrationBean<Filter> ownRegistration() {
      return REGISTRATION;
    }

    @Bean
    Check livenessStateCheck() {
      return Check.builder("mine", context -> CheckResult.up()).build();
    }
  }
}
