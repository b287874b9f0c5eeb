/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The {@code db} details an operator sees, with details shown to authenticated operators on
 * both sides: isoprobe's {@code db}, a {@code JdbcCheck} over the service's pool, shows what
 * Actuator's shows, and Actuator's {@code db} is still Boot's own indicator, its details as
 * before.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "spring.autoconfigure.exclude="
        + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
    "spring.security.user.roles=OPS", "isoprobe.details=when-authorized",
    "isoprobe.details-roles=OPS", "management.endpoint.health.show-details=when-authorized"})
@DirtiesContext
class DbDetailsServiceTest extends ServiceTest {

  @Autowired
  ApplicationContext context;

  @Test
  void isoprobesDbShowsTheDetailsActuatorsDbShowsAndActuatorsIsBootsIndicator() throws Exception {
    String ready = await().atMost(Duration.ofSeconds(10)).until(
        () -> getAsOps("/readyz?verbose").body(), body -> body.contains("[+]db ok"));
    assertThat(line(ready, "[+]db ok")).contains("database=PostgreSQL", "validationQuery=isValid()");
    assertThat(get("/readyz?verbose").body()).as("no details without credentials")
        .contains("[+]db ok").doesNotContain("database=");

    assertThat(context.getBean("dbHealthContributor"))
        .isExactlyInstanceOf(DataSourceHealthIndicator.class);
    assertThat(getAsOps("/actuator/health/db").body()).contains("\"status\":\"UP\"",
        "\"database\":\"PostgreSQL\"", "\"validationQuery\":\"isValid()\"");
  }

  private static String line(String body, String prefix) {
    return body.lines().filter(line -> line.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError(prefix + " not in " + body));
  }
}
