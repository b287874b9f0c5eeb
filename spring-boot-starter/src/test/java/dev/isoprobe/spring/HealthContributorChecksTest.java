/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.application.DiskSpaceHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;
import reactor.core.publisher.Mono;

/**
 * Every shape in which Spring Boot registers a health contributor becomes a check named as
 * {@code /actuator/health} names it: read from Boot's own registries, as Actuator reads them.
 */
class HealthContributorChecksTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class, IsoprobeAutoConfiguration.class,
          IsoprobeAvailabilityAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class, IsoprobeLifecycleAutoConfiguration.class))
      .withPropertyValues("isoprobe.timeout=400ms");

  @Test
  void aBeanTypedHealthContributorIsACheckAsBootsOwnDbIs() {
    runner.withUserConfiguration(TypedAsContributor.class).run(context -> {
      available(context);
      assertThat(TestChecks.withoutTimes(
          MockProbe.get(context, "/readyz?verbose").getContentAsString()))
          .isEqualTo("[+]readinessState ok\n[+]db ok\nreadyz check passed");
      assertThat(MockProbe.get(context, "/readyz/db").getStatus()).isEqualTo(200);
      assertThat(MockProbe.get(context, "/livez?verbose").getContentAsString()).doesNotContain("db");
    });
  }

  @Test
  void membersOfACompositeAreChecksUnderItsName() {
    runner.withUserConfiguration(Composite.class).run(context -> {
      available(context);
      MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
      assertThat(ready.getStatus()).isEqualTo(503);
      assertThat(ready.getContentAsString()).contains("[+]db/primary ok",
          "[-]db/replica failed: down", "[+]db/archive/cold ok");
      assertThat(MockProbe.get(context, "/readyz/db/primary").getStatus()).isEqualTo(200);
      assertThat(TestChecks.withoutTimes(
          MockProbe.get(context, "/readyz/db/archive?verbose").getContentAsString()))
          .isEqualTo("[+]db/archive/cold ok\nreadyz check passed");
      assertThat(MockProbe.get(context, "/readyz/db").getStatus()).isEqualTo(503);
    });
  }

  @Test
  void aCompositesSettingsApplyToEveryMemberThatHasNoneOfItsOwn() {
    runner.withUserConfiguration(Composite.class)
        .withPropertyValues("isoprobe.checks.db.groups=readiness,startup",
            "isoprobe.checks[db/replica].enabled=false")
        .run(context -> {
          available(context);
          assertThat(MockProbe.get(context, "/readyz").getStatus()).isEqualTo(200);
          // Readiness joined the warm-up's first runs; startup answers once it is over, which
          // on a loaded machine can be a moment after readiness's answer.
          await().atMost(Duration.ofSeconds(10))
              .until(() -> context.getBean(Probes.class).state() != Probes.State.STARTING);
          assertThat(MockProbe.get(context, "/startupz?verbose").getContentAsString())
              .contains("[+]db/primary ok", "[+]db/archive/cold ok").doesNotContain("replica");
        });
  }

  @Test
  void aMembersOwnSettingsOverrideTheCompositesOneByOneAndADisabledCompositeStaysDisabled() {
    runner.withUserConfiguration(SlowComposite.class)
        .withPropertyValues("isoprobe.checks.db.groups=startup", "isoprobe.checks.db.timeout=300ms",
            "isoprobe.checks[db/slow].timeout=100ms",
            "isoprobe.warm-up=0") // startup probes run the slow member at once
        .run(context -> {
          available(context);
          assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
              .doesNotContain("db/");
          // The member's own timeout, the composite's groups.
          assertThat(MockProbe.get(context, "/startupz?verbose").getContentAsString())
              .contains("[+]db/fast ok").containsPattern("\\[-]db/slow failed: timeout after 1\\d\\dms");
        });
    runner.withUserConfiguration(SlowComposite.class)
        .withPropertyValues("isoprobe.checks.db.enabled=false",
            "isoprobe.checks[db/slow].timeout=100ms")
        .run(context -> {
          available(context);
          assertThat(MockProbe.get(context, "/healthz?verbose").getContentAsString())
              .doesNotContain("db/");
        });
  }

  @Test
  void aSettingOfAMemberWithoutBracketsFailsStartupShowingTheBracketForm() {
    runner.withUserConfiguration(Composite.class)
        .withPropertyValues("isoprobe.checks.db/replica.enabled=false")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .rootCause().hasMessageContaining("isoprobe.checks.dbreplica")
            .hasMessageContaining("isoprobe.checks[db/primary].timeout"));
  }

  @Test
  void aMemberNameThatIsNoCheckNameFailsStartupNamingTheContributor() {
    runner.withBean("dbHealthContributor", HealthContributor.class,
            () -> CompositeHealthContributor.fromMap(
                Map.<String, HealthIndicator>of("eu west", () -> Health.up().build())))
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("isoprobe: health contributor 'db/eu west' gives check name")
            .hasStackTraceContaining("rename its bean"));
  }

  @Test
  void reactiveIndicatorsAndCompositesAreChecks() {
    runner.withUserConfiguration(ReactiveContributors.class).run(context -> {
      available(context);
      MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
      assertThat(ready.getContentAsString()).contains("[+]redis ok", "[+]mongo/orders ok",
          "[-]mongo/audit failed: down");
    });
  }

  @Test
  void aReactiveIndicatorThatNeverAnswersTimesOutAndItsSubscriptionIsDisposed() {
    runner.withUserConfiguration(SilentReactive.class).run(context -> {
      available(context);
      long start = System.nanoTime();
      MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(ready.getStatus()).isEqualTo(503);
      assertThat(ready.getContentAsString()).containsPattern("\\[-]redis failed: timeout after \\d+ms");
      // Answered by the 400 ms deadline (the mock request waits for it on this thread).
      assertThat(millis).isLessThan(400 + 300);
      SilentReactive silent = context.getBean(SilentReactive.class);
      // Subscribed by this probe's execution or, where two busy cores let the deadline come
      // first, by a later probe's: either subscription is disposed at its deadline.
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        if (silent.subscribed.getCount() > 0) {
          MockProbe.get(context, "/readyz"); // a later execution, which subscribes in its turn
        }
        return silent.subscribed.getCount() == 0;
      });
      assertThat(silent.disposed.await(5, TimeUnit.SECONDS)).isTrue();
      // Nothing is left running: the interrupted wait returns, and a later probe starts a new
      // execution instead of joining a stuck one.
      await().atMost(Duration.ofSeconds(5)).until(() -> MockProbe.get(context, "/readyz?verbose")
          .getContentAsString().contains("[-]redis failed: timeout after"));
      assertThat(silent.subscriptions).hasValueGreaterThan(1);
    });
  }

  @Test
  void contributorsDefinedAfterIsoprobesOwnConfigurationAreFound() {
    runner.withConfiguration(AutoConfigurations.of(LateContributors.class)).run(context -> {
      available(context);
      assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
          .contains("[+]late ok");
    });
  }

  @Test
  void bootsOwnContributorIsACheckUntilManagementHealthDisablesIt() {
    WebApplicationContextRunner withDiskSpace = runner.withConfiguration(
        AutoConfigurations.of(DiskSpaceHealthContributorAutoConfiguration.class));
    withDiskSpace.run(context -> {
      available(context);
      assertThat(MockProbe.get(context, "/readyz?verbose").getContentAsString())
          .contains("[+]diskSpace ok");
    });
    withDiskSpace.withPropertyValues("management.health.diskspace.enabled=false").run(context -> {
      available(context);
      assertThat(TestChecks.withoutTimes(
          MockProbe.get(context, "/readyz?verbose").getContentAsString()))
          .isEqualTo("[+]readinessState ok\nreadyz check passed");
    });
  }

  @Test
  void withoutReactorOnlyBlockingContributorsAreRead() {
    runner.withUserConfiguration(TypedAsContributor.class)
        .withClassLoader(new FilteredClassLoader("reactor.core"))
        .run(context -> {
          assertThat(context).hasNotFailed()
              .hasBean(IsoprobeHealthContributorAutoConfiguration.CHECK_SOURCE)
              .doesNotHaveBean(IsoprobeHealthContributorAutoConfiguration.REACTIVE_CHECK_SOURCE);
          available(context);
          assertThat(MockProbe.get(context, "/readyz").getStatus()).isEqualTo(200);
        });
  }

  private static void available(AssertableWebApplicationContext context) {
    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
  }

  /** As Boot's {@code DataSourceHealthContributorAutoConfiguration} declares {@code db}. */
  @Configuration(proxyBeanMethods = false)
  static class TypedAsContributor {
    @Bean
    HealthContributor dbHealthContributor() {
      return (HealthIndicator) () -> Health.up().build();
    }
  }

  /** As Boot declares several DataSources: one composite, with a nested one for good measure. */
  @Configuration(proxyBeanMethods = false)
  static class Composite {
    @Bean
    HealthContributor dbHealthContributor() {
      HealthIndicator up = () -> Health.up().build();
      HealthIndicator down = () -> Health.down().build();
      return CompositeHealthContributor.fromMap(Map.of("primary", up, "replica", down,
          "archive", CompositeHealthContributor.fromMap(Map.of("cold", up))));
    }
  }

  /** A composite with a member that blocks until interrupted. */
  @Configuration(proxyBeanMethods = false)
  static class SlowComposite {
    @Bean
    HealthContributor dbHealthContributor() {
      HealthIndicator fast = () -> Health.up().build();
      HealthIndicator slow = () -> {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        return Health.down().build();
      };
      return CompositeHealthContributor.fromMap(Map.of("fast", fast, "slow", slow));
    }
  }

  /** As Boot declares Redis and Mongo when Reactor is on the classpath. */
  @Configuration(proxyBeanMethods = false)
  static class ReactiveContributors {
    @Bean
    ReactiveHealthContributor redisHealthContributor() {
      return (ReactiveHealthIndicator) () -> Mono.just(Health.up().build());
    }

    @Bean
    ReactiveHealthContributor mongoHealthContributor() {
      ReactiveHealthIndicator up = () -> Mono.just(Health.up().build());
      ReactiveHealthIndicator down = () -> Mono.just(Health.down().build());
      return CompositeReactiveHealthContributor.fromMap(Map.of("orders", up, "audit", down));
    }
  }

  /** A Redis that accepts the command and never answers, as a frozen server does. */
  @Configuration(proxyBeanMethods = false)
  static class SilentReactive {
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch disposed = new CountDownLatch(1);
    final AtomicInteger subscriptions = new AtomicInteger();

    @Bean
    ReactiveHealthIndicator redisHealthIndicator() {
      return () -> Mono.<Health>never()
          .doOnSubscribe(subscription -> {
            subscriptions.incrementAndGet();
            subscribed.countDown();
          })
          .doOnCancel(disposed::countDown)
          .timeout(Duration.ofMinutes(5));
    }
  }

  /** Defined by an auto-configuration that runs after isoprobe's. */
  @AutoConfiguration(after = IsoprobeAutoConfiguration.class)
  static class LateContributors {
    @Bean
    HealthIndicator lateHealthIndicator() {
      return () -> Health.up().build();
    }
  }
}
