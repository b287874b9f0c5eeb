/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The example as its README tells a user to try it, on real Tomcat. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class ExampleApplicationTest {

  @LocalServerPort
  int port;

  @AfterEach
  void heal() throws Exception {
    send("POST", "/admin/heal");
  }

  @Autowired
  ApplicationContext context;

  @Test
  void theDbCheckIsBootsOwnDataSourceIndicatorAndNothingHandWritten() throws Exception {
    assertThat(context.getBean("dbHealthContributor")).isInstanceOf(DataSourceHealthIndicator.class);
    assertThat(context.getBeansOfType(HealthIndicator.class).values())
        .noneMatch(indicator -> indicator.getClass().getPackageName().startsWith("dev.isoprobe"));
    assertThat(send("GET", "/readyz?verbose").body()).contains("[+]db ok, up since ");
  }

  @Test
  void hangingDatabaseMakesReadinessFailByTheDeadlineWhileLivenessAndBusinessAreServed()
      throws Exception {
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
    assertThat(send("POST", "/admin/hang").body()).isEqualTo("database hangs");

    long start = System.nanoTime();
    HttpResponse<String> ready = send("GET", "/readyz?verbose");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("[-]db failed: timeout after");
    // The 800 ms deadline, with slack for a loaded machine, still under the kubelet's 1 s.
    assertThat(millis).isLessThanOrEqualTo(800 + 300);
    // getConnection() ignores its interrupt, but isoprobe runs Boot's db as a JdbcCheck, which
    // waits for the connection on a thread of its own: every probe a timeout, never stuck, also
    // long past the unwind grace.
    for (int probe = 2; probe <= 4; probe++) {
      assertThat(send("GET", "/readyz?verbose").body()).as("probe %d", probe)
          .contains("[-]db failed: timeout after").doesNotContain("stuck");
    }
    assertThat(send("GET", "/livez").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/hello").body()).isEqualTo("hello");

    send("POST", "/admin/heal");
    await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", "/readyz").statusCode() == 200);
    assertThat(send("GET", "/actuator/health/readiness").statusCode()).isEqualTo(200);
  }

  @Test
  void actuatorReadinessRunsTheDbIndicatorOnTheRequestThreadSoItHangsWithIt() throws Exception {
    assertThat(send("GET", "/actuator/health/readiness").statusCode()).isEqualTo(200);
    send("POST", "/admin/hang");

    // The comparison benchmarks/suite.sh makes: Actuator's readiness group includes db and has
    // no deadline, so the request waits until the heal in @AfterEach releases it.
    assertThatThrownBy(() -> new ExampleHttp(port).send("GET", "/actuator/health/readiness",
        Duration.ofSeconds(1))).isInstanceOf(HttpTimeoutException.class);
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return new ExampleHttp(port).send(method, path);
  }
}
