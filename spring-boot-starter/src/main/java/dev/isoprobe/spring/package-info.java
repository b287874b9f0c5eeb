/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring Boot auto-configuration for isoprobe: adding the starter serves {@code /livez},
 * {@code /readyz}, {@code /startupz} and {@code /healthz} on the application port, runs every
 * health contributor Spring Boot registers (the ones {@code /actuator/health} lists) as a
 * readiness check with a deadline, and drains the probes
 * before the web server's graceful shutdown. Settings live under {@code isoprobe.}
 * ({@link dev.isoprobe.spring.IsoprobeProperties}).
 */
package dev.isoprobe.spring;
