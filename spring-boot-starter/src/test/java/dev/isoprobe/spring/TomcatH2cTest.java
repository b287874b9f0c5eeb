/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.spring.app.ProbeTestApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** h2c on real Tomcat 11 under Spring Boot: Boot adds Tomcat's Http2Protocol to the connector. */
@SpringBootTest(classes = ProbeTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.autoconfigure.exclude=" + TomcatProbesTest.JETTY,
        "server.http2.enabled=true"})
@DirtiesContext
class TomcatH2cTest extends H2cOnServerContract {}
