/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.BlackHoleProxy;
import dev.isoprobe.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Boot's own {@code db} contributor for two DataSources on a real PostgreSQL, one of them
 * reached through a proxy that can swallow its traffic: isoprobe's {@code db/<bean>} checks are
 * {@code JdbcCheck}s over the same DataSources, with the details Actuator's indicator shows,
 * while the registry, which Actuator reads, still holds Boot's indicators. A swallowed one is
 * answered {@code timeout} by every probe, never {@code stuck}, which Boot's indicator, deaf to
 * the interrupt in the driver, would be once its first run had outlasted the unwind grace.
 */
class BootDbChecksTest {

  private static BlackHoleProxy network;

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class,
          DataSourceHealthContributorAutoConfiguration.class, IsoprobeAutoConfiguration.class,
          IsoprobeAvailabilityAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class, IsoprobeLifecycleAutoConfiguration.class))
      .withUserConfiguration(TwoDataSources.class)
      .withPropertyValues("isoprobe.timeout=400ms", "isoprobe.details=always");

  @BeforeAll
  static void startProxy() {
    network = BlackHoleProxy.to(PostgresServer.shared().port());
  }

  @AfterAll
  static void stopProxy() {
    network.close();
  }

  @Test
  void eachDataSourceIsAJdbcCheckNamedByItsBeanWhileActuatorKeepsBootsIndicators() {
    runner.run(context -> {
      available(context);
      HealthContributor db = context.getBean("dbHealthContributor", HealthContributor.class);
      assertThat(db).isInstanceOf(HealthContributors.class);
      Map<String, HealthContributor> members = ((HealthContributors) db).stream().collect(
          Collectors.toMap(HealthContributors.Entry::name, HealthContributors.Entry::contributor));
      assertThat(members).containsOnlyKeys("primary", "reports")
          .allSatisfy((name, member) -> assertThat(member).isExactlyInstanceOf(
              DataSourceHealthIndicator.class));

      String ready = await().atMost(Duration.ofSeconds(10)).until(
          () -> MockProbe.get(context, "/readyz?verbose").getContentAsString(),
          body -> body.contains("[+]db/primary ok") && body.contains("[+]db/reports ok"));
      // JdbcCheck's details, as Boot's indicator words them.
      for (String name : List.of("db/primary", "db/reports")) {
        assertThat(line(ready, name)).contains("database=PostgreSQL", "validationQuery=isValid()");
      }
    });
  }

  @Test
  void aFrozenDataSourceIsAnsweredTimeoutByEveryProbeNeverStuck() {
    runner.run(context -> {
      available(context);
      await().atMost(Duration.ofSeconds(10)).until(
          () -> MockProbe.get(context, "/readyz").getStatus() == 200);
      network.swallow();
      List<Long> times = new ArrayList<>();
      try {
        // Past the 250 ms unwind grace several times over: a run still in the driver would be
        // reported stuck by the second probe.
        for (int probe = 1; probe <= 5; probe++) {
          long start = System.nanoTime();
          MockHttpServletResponse ready = MockProbe.get(context, "/readyz?verbose");
          times.add((System.nanoTime() - start) / 1_000_000);
          assertThat(ready.getStatus()).as("probe %d", probe).isEqualTo(503);
          assertThat(ready.getContentAsString()).as("probe %d", probe)
              .containsPattern("\\[-]db/reports failed: timeout after \\d+ms")
              .contains("[+]db/primary ok").doesNotContain("stuck");
        }
      } finally {
        network.heal();
      }
      // The check's own time, 400 ms, and a mock request on this thread: a loaded machine's slack.
      assertThat(times).allSatisfy(ms -> assertThat(ms).isLessThan(400 + 1_000));
      await().atMost(Duration.ofSeconds(10)).until(
          () -> MockProbe.get(context, "/readyz").getStatus() == 200);
      System.out.printf("db/reports frozen: answered in %s ms%n", times);
    });
  }

  private static String line(String body, String check) {
    return body.lines().filter(line -> line.startsWith("[+]" + check + " ")).findFirst()
        .orElseThrow(() -> new AssertionError(check + " not in " + body));
  }

  private static void available(org.springframework.context.ApplicationContext context) {
    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
  }

  /** Two DataSources, as Boot's db contributor names them: by bean name. */
  @Configuration(proxyBeanMethods = false)
  static class TwoDataSources {
    @Bean
    DataSource primary() {
      return dataSource(PostgresServer.shared().port());
    }

    /** Through the proxy: frozen when it swallows. */
    @Bean
    DataSource reports() {
      return dataSource(network.port());
    }

    private static DataSource dataSource(int port) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
      dataSource.setUser("postgres");
      return dataSource;
    }
  }
}
