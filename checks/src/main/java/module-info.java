/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Checks of common dependencies (a database through JDBC, an HTTP endpoint, a TCP port) that
 * take their time from the probe's deadline and free their thread when it ends.
 */
module dev.isoprobe.checks {
  exports dev.isoprobe.checks;

  requires transitive dev.isoprobe;
  requires transitive java.sql;
  requires transitive java.net.http;
}
