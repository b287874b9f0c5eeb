/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.spring.app.ProbeTestApplication;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code isoprobe.details=when-authorized} beside Spring Security on real Tomcat: probes answer
 * without credentials and without a security rule, a caller whose HTTP Basic credentials carry
 * the role sees details, wrong credentials never turn a probe into a 401, and the application's
 * own endpoints stay secured.
 */
@SpringBootTest(classes = {ProbeTestApplication.class, SecuredDetailsTest.Users.class},
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.autoconfigure.exclude=" + TomcatProbesTest.JETTY,
        "isoprobe.details=when-authorized", "isoprobe.details-roles=OPS",
        "isoprobe.details-token.value=" + SecuredDetailsTest.TOKEN})
@DirtiesContext // so isoprobe threads counted by other classes are their own
class SecuredDetailsTest {

  static final String TOKEN = "a-token-of-24-characters";

  @LocalServerPort
  int port;

  Http http;

  @BeforeEach
  void connect() {
    http = new Http(port);
  }

  @Test
  void probesWithoutCredentialsAreAnsweredWithoutDetails() throws Exception {
    HttpResponse<String> ready = http.get("/readyz?verbose");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("[+]db ok").doesNotContain("pool");
    assertThat(http.get("/livez").statusCode()).isEqualTo(200);
    assertThat(ready.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void basicCredentialsWithTheRoleShowDetails() throws Exception {
    HttpResponse<String> text = probe(basic("ops", "ops-password"), "text/plain");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.body()).contains("[+]db ok", "pool=ok");
    HttpResponse<String> json = probe(basic("ops", "ops-password"), "application/json");
    assertThat(json.body()).contains("\"details\":{\"pool\":\"ok\"}");
    // Authenticated for this probe only: no session is created.
    assertThat(text.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void basicCredentialsWithoutTheRoleShowNoDetails() throws Exception {
    HttpResponse<String> response = probe(basic("dev", "dev-password"), "text/plain");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("[+]db ok").doesNotContain("pool");
  }

  @Test
  void wrongCredentialsAreAnsweredAsWithoutThemNever401() throws Exception {
    for (String credentials : new String[] {basic("ops", "wrong"), basic("nobody", "x"),
        "Bearer not-a-token", "Basic %%%"}) {
      HttpResponse<String> response = probe(credentials, "text/plain");
      assertThat(response.statusCode()).as(credentials).isEqualTo(200);
      assertThat(response.body()).as(credentials).contains("[+]db ok").doesNotContain("pool");
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(credentials).isEmpty();
      assertThat(response.headers().firstValue("Set-Cookie")).as(credentials).isEmpty();
    }
    HttpResponse<String> staleSession = http.send(http.request("/readyz?verbose")
        .header("Cookie", "JSESSIONID=0123456789ABCDEF").build());
    assertThat(staleSession.statusCode()).isEqualTo(200);
    assertThat(staleSession.body()).doesNotContain("pool");
    assertThat(staleSession.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aLoginSessionWithTheRoleShowsDetails() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String loginPage = browser.send(http.request("/login").build(), BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
        .matcher(loginPage);
    assertThat(csrf.find()).as(loginPage).isTrue();
    String form = "username=ops&password=ops-password&_csrf="
        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login = browser.send(http.request("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");

    HttpResponse<String> ready =
        browser.send(http.request("/readyz?verbose").build(), BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("pool=ok");
  }

  @Test
  void theTokenShowsDetailsWithoutCredentials() throws Exception {
    HttpResponse<String> response =
        http.send(http.request("/readyz?verbose").header("X-Probe-Token", TOKEN).build());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("pool=ok");
  }

  @Test
  void theApplicationStaysSecured() throws Exception {
    assertThat(http.get("/hello").statusCode()).isEqualTo(401);
    assertThat(http.send(http.request("/hello").header("Authorization", basic("ops", "wrong"))
        .build()).statusCode()).isEqualTo(401);
    HttpResponse<String> hello = http.send(http.request("/hello")
        .header("Authorization", basic("dev", "dev-password")).build());
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(hello.body()).isEqualTo("hello");
  }

  private HttpResponse<String> probe(String authorization, String accept) throws Exception {
    return http.send(http.request("/readyz?verbose").header("Authorization", authorization)
        .header("Accept", accept).build());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Users {
    @Bean
    InMemoryUserDetailsManager users() {
      return new InMemoryUserDetailsManager(
          User.withUsername("ops").password("{noop}ops-password").roles("OPS").build(),
          User.withUsername("dev").password("{noop}dev-password").roles("DEV").build());
    }
  }
}
