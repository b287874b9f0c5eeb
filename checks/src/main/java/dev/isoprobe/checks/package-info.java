/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Checks of common dependencies that take their time from {@link dev.isoprobe.CheckContext#remaining()}
 * and free their thread when {@link dev.isoprobe.CheckContext#token()} is cancelled: in the
 * driver, not only in isoprobe. {@link dev.isoprobe.checks.JdbcCheck} for a database through a
 * {@code DataSource}. Register one as any check: {@code Check.builder("db", JdbcCheck.builder(dataSource).build())}.
 */
package dev.isoprobe.checks;
