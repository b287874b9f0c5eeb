/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Statuses, headers and bodies as a kubelet, a load balancer or an operator sees them. */
class ResponsesTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Probes.builder()
        .check(Check.builder("db", ctx -> CheckResult.up()).build())
        .check(Check.builder("cache", ctx -> CheckResult.down(Map.of("reason", "evicted"))).build())
        .check(Check.builder("warmup", ctx -> CheckResult.up()).groups(Group.STARTUP).build())
        .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void groupWithAFailingCheckIs503WithOneLinePerCheck() throws Exception {
    HttpResponse<String> response = server.get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("[+]db ok\n[-]cache failed: down\nreadyz check failed");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
  }

  @Test
  void healthyGroupIsOkAndVerboseListsEveryCheck() throws Exception {
    assertThat(server.get("/livez").body()).isEqualTo("ok");
    assertThat(server.get("/startupz?verbose").body())
        .matches("\\[\\+]warmup ok" + TestChecks.UP_SINCE + "\nstartupz check passed");
    assertThat(server.get("/startupz?verbose=false").body()).isEqualTo("ok");
  }

  @Test
  void healthzRunsEveryGroup() throws Exception {
    HttpResponse<String> response = server.get("/healthz?verbose");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).matches("\\[\\+]deadlock ok" + TestChecks.UP_SINCE
        + "\n\\[\\+]db ok" + TestChecks.UP_SINCE
        + "\n\\[-]cache failed: down, down since " + TestChecks.TIME + ", last success never"
        + "\n\\[\\+]warmup ok" + TestChecks.UP_SINCE + "\nhealthz check failed");
  }

  @Test
  void excludeSkipsChecksAndIgnoresEmptyRepeatedAndUnknownNames() throws Exception {
    HttpResponse<String> response = server.get("/readyz?exclude=cache&exclude=cache&exclude=&exclude=nope&verbose");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).matches("\\[\\+]db ok" + TestChecks.UP_SINCE + "\nreadyz check passed");
  }

  @Test
  void singleCheckByPath() throws Exception {
    assertThat(server.get("/readyz/db").statusCode()).isEqualTo(200);
    assertThat(server.get("/readyz/cache").body()).isEqualTo("[-]cache failed: down\nreadyz check failed");
    assertThat(server.get("/healthz/warmup").body()).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/readyz/nope", "/livez/db", "/readyz/", "/readyz/db/extra"})
  void unknownCheckOrCheckOfAnotherGroupIs404(String path) throws Exception {
    HttpResponse<String> response = server.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("no such check");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/readyz/%2e%2e", "/readyz/..;/x"})
  void oddPathsAndQueriesAreRefusedWithAClientError(String target) throws Exception {
    String response = server.raw("GET " + target + " HTTP/1.1");

    assertThat(response).matches("(?s)HTTP/1.1 4\\d\\d .*").doesNotContain("Exception");
  }

  @Test
  void tooManyQueryParametersIs400() throws Exception {
    String query = "exclude=x&".repeat(65);

    String response = server.raw("GET /readyz?" + query + " HTTP/1.1");

    assertThat(response).startsWith("HTTP/1.1 400 ").contains("too many query parameters");
  }

  @Test
  void veryLongPathIsRefusedCleanly() throws Exception {
    HttpResponse<String> response = server.get("/readyz/" + "a".repeat(4000));

    assertThat(response.statusCode()).isIn(404, 414, 431);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.isoprobe");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"})
  void otherMethodsAre405WithAllow(String method) throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/readyz"))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void headAnswersStatusAndHeadersWithoutBody() throws Exception {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/readyz"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/readyz?verbose=maybe", "/readyz?exclude=%zz", "/readyz?verbose=%"})
  void badQueryIs400NamingTheProblem(String target) throws Exception {
    String response = server.raw("GET " + target + " HTTP/1.1");

    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response).containsAnyOf("verbose", "percent-encoding").doesNotContain("Exception");
  }

  @Test
  void jsonBodyCarriesStatusOutcomeAndDuration() throws Exception {
    HttpResponse<String> response = server.get("/readyz", "application/json");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).matches("\\{\"probe\":\"readyz\",\"status\":\"DOWN\",\"checks\":\\["
        + "\\{\"name\":\"db\",\"status\":\"UP\",\"outcome\":\"up\",\"durationMs\":\\d+,"
        + "\"since\":\"" + TestChecks.TIME + "\",\"lastSuccess\":\"" + TestChecks.TIME + "\"},"
        + "\\{\"name\":\"cache\",\"status\":\"DOWN\",\"outcome\":\"down\",\"durationMs\":\\d+,"
        + "\"since\":\"" + TestChecks.TIME + "\"}]}");
  }

  @Test
  void healthJsonFollowsTheIetfDraft() throws Exception {
    HttpResponse<String> response = server.get("/readyz", "application/health+json");

    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(response.body()).matches("\\{\"status\":\"fail\",\"description\":\"readyz\",\"checks\":\\{"
        + "\"db:duration\":\\[\\{\"status\":\"pass\",\"observedValue\":\\d+,\"observedUnit\":\"ms\","
        + "\"time\":\"" + TestChecks.TIME + "\",\"since\":\"" + TestChecks.TIME + "\",\"lastSuccess\":\"" + TestChecks.TIME + "\"}],"
        + "\"cache:duration\":\\[\\{\"status\":\"fail\",\"observedValue\":\\d+,\"observedUnit\":\"ms\","
        + "\"time\":\"" + TestChecks.TIME + "\",\"output\":\"down\",\"since\":\"" + TestChecks.TIME + "\"}]}}");
  }

  @Test
  void checkDetailsAreNotShown() throws Exception {
    assertThat(server.get("/readyz?verbose").body()).doesNotContain("evicted");
    assertThat(server.get("/readyz", "application/json").body()).doesNotContain("evicted");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "image/png|text/plain;charset=utf-8",
      "*/*|text/plain;charset=utf-8",
      "application/json;q=0.5, application/health+json|application/health+json",
      "text/*;q=0.1, application/*;q=0.9|application/json",
      "application/json;q=oops|text/plain;charset=utf-8",
      ";;;,,,|text/plain;charset=utf-8"})
  void acceptHeaderPicksTheFormatAndFallsBackToText(String accept, String contentType) throws Exception {
    HttpResponse<String> response = server.get("/livez", accept);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
  }
}
