/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.spring.app.ProbeTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Where probes are answered when Actuator's management server has a port of its own, on real
 * Tomcat with Spring Security guarding both ports: a port that does not serve the probes answers
 * them with Security's 401, as an unprotected path of the application would.
 */
@SpringBootTest(classes = ProbeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.autoconfigure.exclude=" + TomcatProbesTest.JETTY + ","
        + "org.springframework.boot.jetty.autoconfigure.actuate.web.server."
        + "JettyServletManagementContextAutoConfiguration",
        "management.server.port=0", "management.server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=health"})
abstract class ManagementServerContract {

  @LocalServerPort
  int applicationPort;

  @LocalManagementPort
  int managementPort;

  abstract boolean onApplicationPort();

  abstract boolean onManagementPort();

  @Test
  void probesAreAnsweredWithoutCredentialsWhereTheSettingPutsThem() throws Exception {
    assertThat(managementPort).isNotEqualTo(applicationPort);
    assertProbes(new Http(applicationPort), onApplicationPort());
    assertProbes(new Http(managementPort), onManagementPort());
    // Actuator's own endpoint stays where it was.
    assertThat(new Http(managementPort).getWithCredentials("/actuator/health").statusCode())
        .isEqualTo(200);
  }

  private static void assertProbes(Http http, boolean served) throws Exception {
    for (String path : new String[] {"/livez", "/readyz?verbose", "/startupz", "/healthz"}) {
      var response = http.get(path);
      if (served) {
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
      } else {
        assertThat(response.statusCode()).as(path).isEqualTo(401);
      }
    }
  }
}
