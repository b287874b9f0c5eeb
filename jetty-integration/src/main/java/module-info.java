/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * isoprobe in embedded Jetty 12.1: the filter installed first and its shutdown wired into
 * {@code Server.stop()}. Jetty is the application's: ee10 or ee11, whichever it declares.
 */
module dev.isoprobe.jetty {
  exports dev.isoprobe.jetty;

  requires transitive dev.isoprobe;
  requires dev.isoprobe.shutdown;
  requires transitive org.eclipse.jetty.server;
  requires static transitive org.eclipse.jetty.ee10.servlet;
  requires static transitive org.eclipse.jetty.ee11.servlet;
  requires org.slf4j;
}
