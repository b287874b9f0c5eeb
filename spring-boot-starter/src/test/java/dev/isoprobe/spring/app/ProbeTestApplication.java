/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring.app;

import dev.isoprobe.spring.ControllableHealthIndicator;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A secured application with a business endpoint, a slow one, and a {@code db} indicator that
 * tests can make hang. Spring Security's defaults apply: every path needs credentials.
 */
@SpringBootApplication
public class ProbeTestApplication {

  /** Actuator names it {@code db}; so must isoprobe. */
  @Bean
  ControllableHealthIndicator dbHealthIndicator() {
    return new ControllableHealthIndicator();
  }

  @Bean
  SlowGate slowGate() {
    return new SlowGate();
  }

  @Bean
  ReadinessRequests readinessRequests() {
    return new ReadinessRequests();
  }

  @Bean
  ServletListenerRegistrationBean<ServletRequestListener> readinessRequestListener(
      ReadinessRequests requests) {
    return new ServletListenerRegistrationBean<>(requests);
  }

  /** Counts readiness requests the container has handed to the application, before any filter. */
  public static final class ReadinessRequests implements ServletRequestListener {
    private final AtomicInteger started = new AtomicInteger();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
      if (event.getServletRequest() instanceof HttpServletRequest http
          && http.getRequestURI().startsWith("/readyz")) {
        started.incrementAndGet();
      }
    }

    public int started() {
      return started.get();
    }
  }

  /** Holds {@code /slow} requests until released. */
  public static final class SlowGate {
    public final CountDownLatch entered = new CountDownLatch(1);
    public final CountDownLatch release = new CountDownLatch(1);
  }

  @RestController
  static class BusinessController {
    private final SlowGate gate;

    BusinessController(SlowGate gate) {
      this.gate = gate;
    }

    @GetMapping("/hello")
    String hello() {
      return "hello";
    }

    @GetMapping("/slow")
    String slow() throws InterruptedException {
      gate.entered.countDown();
      gate.release.await();
      return "slow";
    }
  }
}
