/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.spring.app.ProbeTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** The contract on real Jetty 12.1 (EE 11): Tomcat's auto-configuration is excluded. */
@SpringBootTest(classes = ProbeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "spring.autoconfigure.exclude=" + JettyProbesTest.TOMCAT)
@DirtiesContext // so isoprobe threads counted by one class are its own
class JettyProbesTest extends ProbesOnServerContract {

  static final String TOMCAT =
      "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";

  @Override
  String expectedWebServer() {
    return "Jetty";
  }
}
