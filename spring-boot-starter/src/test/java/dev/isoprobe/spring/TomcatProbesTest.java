/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.spring.app.ProbeTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** The contract on real Tomcat 11: Jetty's auto-configuration (also on the test classpath) is excluded. */
@SpringBootTest(classes = ProbeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.autoconfigure.exclude=" + TomcatProbesTest.JETTY)
@DirtiesContext // so isoprobe threads counted by one class are its own
class TomcatProbesTest extends ProbesOnServerContract {

  static final String JETTY =
      "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";

  @Override
  String expectedWebServer() {
    return "Tomcat";
  }
}
