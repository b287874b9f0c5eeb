/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Probes are routed on the path the container routed, not on the raw request URI: every
 * spelling Jetty or Tomcat sends to {@code /readyz} is answered as the probe, and nothing either
 * routes elsewhere is. Raw request lines, since no URI class would send most of these.
 */
class RoutingTest {

  private static TestServer jetty;
  private static Probes tomcatProbes;
  private static Tomcat tomcat;
  private static int tomcatPort;

  @BeforeAll
  static void start(@TempDir Path baseDir) throws Exception {
    jetty = TestServer.start(probes());
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    Context context = tomcat.addContext("", null);
    FilterDef filter = new FilterDef();
    filter.setFilterName("isoprobe");
    tomcatProbes = probes();
    filter.setFilter(tomcatProbes.filter());
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap everything = new FilterMap();
    everything.setFilterName("isoprobe");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);
    Tomcat.addServlet(context, "business", new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        response.setHeader("X-Business", "yes");
        response.getWriter().write(TestServer.BUSINESS_BODY);
      }
    }).setAsyncSupported(true);
    context.addServletMappingDecoded("/", "business");
    tomcat.start();
    tomcatPort = connector.getLocalPort();
  }

  private static Probes probes() {
    return Probes.builder().deadlockCheck(false)
        .check(Check.builder("db", ctx -> CheckResult.up()).build()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
    tomcat.stop();
    tomcat.destroy();
    tomcatProbes.close();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "/readyz, jetty", "/readyz, tomcat",
      "/%72eadyz, jetty", "/%72eadyz, tomcat",
      "/ready%7A, jetty", "/ready%7A, tomcat",
      "/x/../readyz, jetty", "/x/../readyz, tomcat",
      "/./readyz, jetty", "/./readyz, tomcat",
      "/readyz;v=1, jetty", "/readyz;v=1, tomcat",
      "/readyz/d%62, jetty", "/readyz/d%62, tomcat",
      "/readyz/db, jetty", "/readyz/db, tomcat",
  })
  void everySpellingOfAProbePathIsTheProbe(String target, String container) throws IOException {
    String response = get(target, container);

    assertThat(response).startsWith("HTTP/1.1 200").contains("Cache-Control: no-store")
        .endsWith("\r\n\r\nok").doesNotContain("X-Business");
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
      "/readyzz, jetty", "/readyzz, tomcat",
      "/ready%7Az, jetty", "/ready%7Az, tomcat",
      "/business/readyz, jetty", "/business/readyz, tomcat",
      "/readyz%2Fdb, jetty", "/readyz%2Fdb, tomcat",
      "/readyz/../business, jetty", "/readyz/../business, tomcat",
  })
  void whatTheContainerRoutesElsewhereIsNotAProbe(String target, String container)
      throws IOException {
    String response = get(target, container);

    assertThat(response).doesNotContain("Cache-Control: no-store");
  }

  private static String get(String target, String container) throws IOException {
    if (container.equals("jetty")) {
      return jetty.raw("GET " + target + " HTTP/1.1");
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), tomcatPort)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
