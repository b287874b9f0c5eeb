/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot service as users write them: web, Actuator, Security, JDBC on PostgreSQL and
 * Redis, and the isoprobe starter with no isoprobe configuration at all. Boot's own {@code db}
 * and {@code redis} health contributors are isoprobe's readiness checks.
 *
 * <p>Run it against a PostgreSQL and a Redis with {@code --spring.datasource.url=...} and
 * {@code --spring.data.redis.port=...}; freeze either with {@code kill -STOP} and
 * {@code /readyz?verbose} answers 503 by its deadline while {@code /livez} stays 200.
 */
@SpringBootApplication
public class ServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ServiceApplication.class, args);
  }

  /** Business endpoints that use the two dependencies, and hang when they do. */
  @RestController
  static class ApiController {
    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;

    ApiController(JdbcTemplate jdbc, StringRedisTemplate redis) {
      this.jdbc = jdbc;
      this.redis = redis;
    }

    @GetMapping("/api/db")
    String db() {
      return "db " + jdbc.queryForObject("SELECT 1", Integer.class);
    }

    @GetMapping("/api/redis")
    String redis() {
      redis.opsForValue().increment("api-calls");
      return "redis " + redis.opsForValue().get("api-calls");
    }

    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }
}
