/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * isoprobe's Spring Boot 4 starter: auto-configuration that serves the probes from Boot's own
 * health contributors, set by {@code isoprobe.*} properties. Boot's health, actuator, JDBC, web
 * server, Spring Security, Reactor, Micrometer and Boot 4.1's gRPC server (with isoprobe-grpc)
 * are optional, as the auto-configurations that use them are conditional on them.
 */
module dev.isoprobe.spring {
  exports dev.isoprobe.spring;
  // Spring reads and proxies the auto-configuration classes reflectively.
  opens dev.isoprobe.spring to spring.core, spring.beans, spring.context;

  requires transitive dev.isoprobe;
  requires dev.isoprobe.shutdown;
  // Boot's db indicators run as JdbcChecks, when spring-boot-jdbc is there.
  requires dev.isoprobe.checks;
  requires static spring.boot.jdbc;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.beans;
  requires transitive spring.context;
  requires transitive spring.core;
  requires org.slf4j;
  requires static transitive spring.boot.health;
  requires static transitive spring.boot.actuator;
  requires static transitive spring.boot.actuator.autoconfigure;
  requires static transitive spring.boot.web.server;
  requires static transitive jakarta.servlet;
  requires static transitive spring.security.config;
  requires static transitive spring.security.core;
  requires static transitive spring.security.web;
  requires static transitive reactor.core;
  requires static transitive micrometer.core;
  // gRPC health on Boot 4.1's gRPC server (absent from Boot 4.0).
  requires static transitive dev.isoprobe.grpc;
  requires static spring.boot.grpc.server;
  requires static spring.grpc.core;
}
