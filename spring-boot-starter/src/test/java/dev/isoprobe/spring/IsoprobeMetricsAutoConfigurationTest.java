/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.ProbeMetrics;
import dev.isoprobe.Probes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** Wiring of the meters: present with a registry, absent without one or without Micrometer. */
class IsoprobeMetricsAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          IsoprobeAutoConfiguration.class, IsoprobeAvailabilityAutoConfiguration.class,
          IsoprobeMetricsAutoConfiguration.class));

  @Test
  void probesAreCountedInTheApplicationsRegistry() {
    // No warm-up: its run of readinessState, up when it came after available(), was counted too.
    runner.withBean(SimpleMeterRegistry.class).withPropertyValues("isoprobe.warm-up=0s")
        .run(context -> {
      assertThat(context).hasSingleBean(ProbeMetrics.class)
          .hasBean(IsoprobeMetricsAutoConfiguration.METRICS_CUSTOMIZER);
      available(context);
      MockProbe.get(context, "/readyz");
      MockProbe.get(context, "/readyz");
      MockProbe.get(context, "/livez/nosuch");
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertThat(requests(registry, "readyz", "200")).isEqualTo(2);
      assertThat(requests(registry, "livez", "404")).isEqualTo(1);
      // Recorded by the check's thread once it has handed its result over.
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
          registry.find("isoprobe.check.duration").tags("check", "readinessState", "outcome", "up")
              .timer().count()).isEqualTo(2));
    });
  }

  @Test
  void runsAfterSpringBootsMetricsAutoConfigurationThatCreatesTheRegistry() {
    // Listed first, sorted by the ordering each declares: the registry must exist before the
    // @ConditionalOnBean(MeterRegistry) of isoprobe's metrics is evaluated.
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IsoprobeMetricsAutoConfiguration.class,
            IsoprobeAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
            IsoprobeAvailabilityAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, MetricsAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasSingleBean(ProbeMetrics.class);
          available(context);
          MockProbe.get(context, "/livez");
          assertThat(requests(context.getBean(MeterRegistry.class), "livez", "200")).isEqualTo(1);
        });
  }

  @Test
  void aProbeMetricsBeanOfYourOwnReplacesTheDefault() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner.withBean(SimpleMeterRegistry.class, () -> registry)
        .withBean(ProbeMetrics.class, () -> ProbeMetrics.of(registry).tags(Tags.of("app", "orders")))
        .run(context -> {
          available(context);
          MockProbe.get(context, "/livez");
          assertThat(registry.find("isoprobe.probe.requests").tags("app", "orders", "probe", "livez")
              .counter()).isNotNull();
        });
  }

  @Test
  void runWithoutRegistryRecordsNoMeters() {
    runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(Probes.class)
        .doesNotHaveBean(ProbeMetrics.class)
        .doesNotHaveBean(IsoprobeMetricsAutoConfiguration.METRICS_CUSTOMIZER));
  }

  @Test
  void runWhenDisabledRecordsNoMeters() {
    runner.withBean(SimpleMeterRegistry.class).withPropertyValues("isoprobe.metrics.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(Probes.class).doesNotHaveBean(ProbeMetrics.class);
          available(context);
          MockProbe.get(context, "/livez");
          assertThat(context.getBean(MeterRegistry.class).find("isoprobe.probe.requests").meters())
              .isEmpty();
        });
  }

  @Test
  void runWithoutMicrometerOnTheClassPathServesProbes() {
    runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Probes.class)
          .doesNotHaveBean(IsoprobeMetricsAutoConfiguration.class)
          .doesNotHaveBean(IsoprobeMetricsAutoConfiguration.METRICS_CUSTOMIZER);
      available(context);
      assertThat(MockProbe.get(context, "/livez").getStatus()).isEqualTo(200);
    });
  }

  private static double requests(MeterRegistry registry, String probe, String status) {
    Counter counter = registry.find("isoprobe.probe.requests")
        .tags("probe", probe, "status", status).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void available(AssertableWebApplicationContext context) {
    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
  }
}
