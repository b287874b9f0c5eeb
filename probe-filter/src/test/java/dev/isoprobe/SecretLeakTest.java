/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A check that throws with a password in its message and one whose details hold a token: under
 * every detail policy, every body format and every caller, no body and no log line shows the
 * secret, and details appear exactly when the policy allows them.
 */
class SecretLeakTest {

  private static final String SECRET = "S3cr3tValue";
  private static final String JDBC_URL =
      "jdbc:postgresql://admin:" + SECRET + "@db.internal:5432/app?password=" + SECRET;
  private static final String TOKEN_HEADER = "X-Probe-Token";
  private static final String TOKEN = "probe-details-token-0123456789";
  private static final List<String> ACCEPTS =
      List.of("text/plain", "application/json", "application/health+json");

  private static Probes probes(ShowDetails policy) {
    return Probes.builder()
        .showDetails(policy)
        .detailsAuthorizer(DetailsAuthorizer.headerToken(TOKEN_HEADER, TOKEN))
        .check(Check.builder("db", ctx -> {
          throw new IllegalStateException("cannot connect to " + JDBC_URL + "\nsecond line " + SECRET);
        }).build())
        .check(Check.builder("vault", ctx -> CheckResult.down(Map.of(
            "token", SECRET,
            "endpoint", "https://svc:" + SECRET + "@vault.internal/v1",
            "lastHeader", "Authorization: Bearer " + SECRET,
            "attempts", 3))).build())
        .check(Check.builder("cache", ctx -> CheckResult.up(Map.of("entries", 42))).build())
        .build();
  }

  private record Caller(String name, String token, boolean authorized) {}

  @ParameterizedTest
  @EnumSource(ShowDetails.class)
  void noSecretInAnyBodyOrLogLine(ShowDetails policy) throws Exception {
    List<Caller> callers = List.of(new Caller("anonymous", null, false),
        new Caller("wrong token", TOKEN.replace('0', '1'), false),
        new Caller("right token", TOKEN, true));
    List<String> bodies = new ArrayList<>();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes(policy))) {
      for (Caller caller : callers) {
        boolean detailsShown = policy == ShowDetails.ALWAYS
            || (policy == ShowDetails.WHEN_AUTHORIZED && caller.authorized());
        for (String accept : ACCEPTS) {
          for (String path : List.of("/readyz", "/readyz?verbose", "/readyz/db", "/readyz/vault", "/healthz")) {
            HttpResponse<String> response = server.send(request(server, path, accept, caller.token()));
            String what = policy + ", " + caller.name() + ", " + accept + ", " + path;
            assertThat(response.statusCode()).as(what).isEqualTo(503);
            assertThat(response.body()).as(what).doesNotContain(SECRET).doesNotContain("at dev.isoprobe");
            assertDetails(response.body(), path, detailsShown, what);
            bodies.add(response.body());
          }
        }
      }
      assertThat(bodies).hasSize(callers.size() * ACCEPTS.size() * 5);
      List<String> lines = logs.lines();
      assertThat(lines).noneMatch(line -> line.contains(SECRET));
      // The failure is logged, redacted: so the assertion above reads real log lines.
      assertThat(lines).anyMatch(line -> line.startsWith("WARN dev.isoprobe.checks")
          && line.contains("check 'db' failed: IllegalStateException: cannot connect to "
              + "jdbc:postgresql://***@db.internal:5432/app?password=***"));
    }
  }

  private static void assertDetails(String body, String path, boolean shown, String what) {
    boolean showsDb = !path.endsWith("/vault");
    boolean showsVault = !path.endsWith("/db");
    if (shown) {
      if (showsDb) {
        assertThat(body).as(what)
            .contains("IllegalStateException: cannot connect to jdbc:postgresql://***@db.internal:5432/app?password=***")
            .doesNotContain("second line");
      }
      if (showsVault) {
        assertThat(body).as(what).contains("https://***@vault.internal/v1").contains("attempts")
            .containsPattern("token\"?[=:]\"?\\*\\*\\*");
      }
    } else {
      assertThat(body).as(what).doesNotContain("IllegalStateException").doesNotContain("internal")
          .doesNotContain("attempts").doesNotContain("token").doesNotContain("***");
    }
  }

  private static HttpRequest request(TestServer server, String path, String accept, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Accept", accept)
        .timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header(TOKEN_HEADER, token);
    }
    return request.build();
  }
}
