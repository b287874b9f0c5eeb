/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty 12 serving one WAR directory in a {@code WebAppContext} (ee10 or ee11) on a
 * loopback port, as a user's main would: {@link JettyWebapps#drainOnStop} and
 * {@code setStopAtShutdown(true)}, so SIGTERM runs {@code Server.stop()}.
 */
public final class JettyWarMain {

  private JettyWarMain() {}

  /** Arguments: the WAR directory, then {@code ee10} or {@code ee11}. */
  public static void main(String[] args) throws Exception {
    Server server = start(args[0], args[1]);
    server.setStopAtShutdown(true);
    System.out.println("port=" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    server.join();
  }

  static Server start(String war, String ee) throws Exception {
    Handler webapp = switch (ee) {
      case "ee10" -> new org.eclipse.jetty.ee10.webapp.WebAppContext(war, "/");
      case "ee11" -> new org.eclipse.jetty.ee11.webapp.WebAppContext(war, "/");
      default -> throw new IllegalArgumentException("ee: '" + ee + "' (expected: ee10 or ee11)");
    };
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(webapp);
    JettyWebapps.drainOnStop(server);
    server.start();
    if (!webapp.isStarted()) {
      throw new IllegalStateException("the WAR did not start");
    }
    return server;
  }
}
