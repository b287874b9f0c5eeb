/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Checks of common dependencies that take their time from {@link dev.isoprobe.CheckContext#remaining()}
 * and free their thread when {@link dev.isoprobe.CheckContext#token()} is cancelled: in the
 * driver, not only in isoprobe. {@link dev.isoprobe.checks.JdbcCheck} for a database through a
 * {@code DataSource}, {@link dev.isoprobe.checks.HttpCheck} for an HTTP endpoint through the JDK's
 * {@code HttpClient} (a {@code GET}, up on 2xx), {@link dev.isoprobe.checks.TcpCheck} for a TCP
 * port that accepts connections. Register one as any check: {@code Check.builder("db", JdbcCheck.builder(dataSource).build())}.
 */
package dev.isoprobe.checks;
