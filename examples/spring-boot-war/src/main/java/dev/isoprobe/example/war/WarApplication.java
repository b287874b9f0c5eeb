/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.war;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * A Spring Boot application deployed as a WAR on a standalone container (Tomcat 11, or Jetty
 * 12.1 with the ee11 environment): the container finds this initializer and starts the
 * application, with isoprobe's starter serving {@code /livez}, {@code /readyz},
 * {@code /startupz} and {@code /healthz} and the {@code db} health indicator a readiness check.
 *
 * <p>The container owns the connectors, so the drain needs its server-level hook: Tomcat's
 * {@code ProbeDrainListener} in {@code conf/server.xml}, or Jetty's {@code isoprobe} module; see
 * docs/deploying.md.
 */
@SpringBootApplication
public class WarApplication extends SpringBootServletInitializer {

  /** Created by the container. */
  public WarApplication() {}

  @Override
  protected SpringApplicationBuilder configure(SpringApplicationBuilder application) {
    return application.sources(WarApplication.class);
  }

  /** Runs it on an embedded server instead, with the container dependencies on the class path. */
  public static void main(String[] args) {
    SpringApplication.run(WarApplication.class, args);
  }
}
