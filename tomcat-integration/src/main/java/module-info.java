/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/** The server-level drain hook for isoprobe's web applications on Tomcat. */
module dev.isoprobe.tomcat {
  exports dev.isoprobe.tomcat;

  requires transitive org.apache.tomcat.embed.core;
}
