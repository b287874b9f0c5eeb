/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat 11 serving one WAR directory on a loopback port, as a user's main would:
 * {@link ProbeDrainListener} on the server and a shutdown hook that stops Tomcat on SIGTERM.
 */
public final class TomcatWarMain {

  private TomcatWarMain() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = start(args[0], System.getProperty("java.io.tmpdir") + "/tomcat-war-"
        + ProcessHandle.current().pid(), true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tomcat.stop();
        tomcat.destroy();
      } catch (LifecycleException failed) {
        failed.printStackTrace();
      }
    }, "tomcat-stop"));
    System.out.println("port=" + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  /** Starts Tomcat with the WAR at {@code war} deployed at the root. */
  static Tomcat start(String war, String baseDir, boolean drainListener) throws LifecycleException {
    return start(war, baseDir, drainListener, List.of());
  }

  /**
   * Starts Tomcat with the WAR at {@code war} deployed at the root, and {@code listeners} (class
   * names) added to it as its {@code web.xml} would list them.
   */
  static Tomcat start(String war, String baseDir, boolean drainListener, List<String> listeners)
      throws LifecycleException {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir);
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    tomcat.setConnector(connector);
    // No JSP engine here: skip the default web.xml, whose JspServlet would not load, but keep
    // its default servlet, without which Tomcat answers an unmapped path before any filter.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    if (drainListener) {
      tomcat.getServer().addLifecycleListener(new ProbeDrainListener());
    }
    Context context = tomcat.addWebapp("", war);
    listeners.forEach(context::addApplicationListener);
    Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
    context.addServletMappingDecoded("/", "default");
    tomcat.start();
    return tomcat;
  }
}
