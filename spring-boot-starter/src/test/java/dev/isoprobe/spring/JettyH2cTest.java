/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.spring.app.ProbeTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * h2c on real Jetty 12.1 under Spring Boot: Boot adds Jetty's HTTP2CServerConnectionFactory next
 * to HTTP/1.1, from jetty-http2-server, which the user adds (the Jetty starter does not bring it).
 */
@SpringBootTest(classes = ProbeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.autoconfigure.exclude=" + JettyProbesTest.TOMCAT,
        "server.http2.enabled=true"})
@DirtiesContext
class JettyH2cTest extends H2cOnServerContract {}
