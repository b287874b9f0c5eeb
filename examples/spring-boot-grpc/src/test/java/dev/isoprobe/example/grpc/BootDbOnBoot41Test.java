/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.spring.IsoprobeAutoConfiguration;
import dev.isoprobe.spring.IsoprobeHealthContributorAutoConfiguration;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * On Boot 4.1, as on 4.0 (the starter's BootDbChecksTest): the starter runs Boot's own
 * {@code db} indicator as a {@code JdbcCheck}, which reads the indicator's private
 * {@code dataSource} field. Over a pool whose {@code getConnection()} hangs, deaf to interrupts,
 * every probe is a timeout whose thread is back at once: the borrow waits on a thread of its
 * own. Should Boot rename the field, the starter runs the indicator as it is, whose thread stays
 * in {@code getConnection()} until the pool is released: this fails.
 */
class BootDbOnBoot41Test {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class,
          DataSourceHealthContributorAutoConfiguration.class, IsoprobeAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class))
      .withUserConfiguration(HungPool.class)
      .withPropertyValues("isoprobe.timeout=300ms", "isoprobe.warm-up=0");

  @Test
  void bootsDbIndicatorIsAJdbcCheckThatAHungPoolLeavesTimedOutNeverStuck() {
    runner.run(context -> {
      assertThat(SpringBootVersion.getVersion()).startsWith("4.1.");
      assertThat(context.getBean("dbHealthContributor"))
          .isExactlyInstanceOf(DataSourceHealthIndicator.class);
      HungDataSource pool = context.getBean(HungDataSource.class);
      Probes probes = context.getBean(Probes.class);
      AtomicInteger timedOut = new AtomicInteger();
      AtomicInteger returned = new AtomicInteger();
      AtomicInteger stuck = new AtomicInteger();
      probes.addListener(new HealthListener() {
        @Override
        public void timedOut(String check, Duration ranFor) {
          timedOut.incrementAndGet();
        }

        @Override
        public void returnedLate(String check, Duration ranFor) {
          returned.incrementAndGet();
        }

        @Override
        public void stuck(String check, Duration ranFor) {
          stuck.incrementAndGet();
        }
      });
      try {
        for (int probe = 1; probe <= 4; probe++) {
          assertThat(probes.probe("db").orElseThrow().get(10, TimeUnit.SECONDS))
              .as("probe %d", probe).isFalse();
          // Its thread is back just after the deadline: the next probe starts a fresh execution.
          // Boot's indicator, run as it is, would never return while getConnection() hangs.
          int executions = probe;
          await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(returned)
              .as("executions returned after their timeout").hasValue(executions));
        }
        assertThat(timedOut).as("executions timed out").hasValue(4);
        assertThat(stuck).as("probes answered stuck").hasValue(0);
        assertThat(pool.borrowers).as("borrows under way: one at a time").hasValue(1);
      } finally {
        pool.release();
      }
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class HungPool {
    @Bean
    HungDataSource dataSource() {
      return new HungDataSource();
    }
  }

  /** A pool whose every borrow waits, deaf to interrupts, as for a frozen server's socket. */
  static final class HungDataSource extends AbstractDataSource {
    private final CountDownLatch released = new CountDownLatch(1);
    final AtomicInteger borrowers = new AtomicInteger();

    @Override
    public Connection getConnection() throws SQLException {
      borrowers.incrementAndGet();
      boolean interrupted = false;
      while (released.getCount() > 0) {
        try {
          released.await();
        } catch (InterruptedException ignored) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw new SQLException("released");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    void release() {
      released.countDown();
    }
  }
}
