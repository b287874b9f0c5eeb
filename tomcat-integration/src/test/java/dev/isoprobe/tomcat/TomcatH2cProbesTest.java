/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import dev.isoprobe.H2cProbesContract;
import dev.isoprobe.Probes;
import dev.isoprobe.TestServer;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes over h2c with prior knowledge on embedded Tomcat 11: {@link Http2Protocol} added
 * to the HTTP/1.1 connector as an upgrade protocol, which also accepts a connection that opens
 * with the HTTP/2 preface, and isoprobe's filter mapped at {@code /*}.
 */
class TomcatH2cProbesTest extends H2cProbesContract {

  @TempDir
  Path baseDir;

  private Tomcat tomcat;

  @Override
  protected int start(Probes probes) throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    connector.addUpgradeProtocol(new Http2Protocol());
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    FilterDef filter = new FilterDef();
    filter.setFilterName("isoprobe");
    filter.setFilter(probes.filter());
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap everything = new FilterMap();
    everything.setFilterName("isoprobe");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);
    // Without a servlet for "/", Tomcat answers an unmapped path before any filter runs.
    Tomcat.addServlet(context, "hello", new TestServer.Hello()).setAsyncSupported(true);
    context.addServletMappingDecoded("/", "hello");
    tomcat.start();
    return connector.getLocalPort();
  }

  @Override
  protected void stop() throws Exception {
    if (tomcat == null) {
      return;
    }
    if (tomcat.getServer().getState().isAvailable()) {
      tomcat.stop();
    }
    if (tomcat.getServer().getState() == LifecycleState.STOPPED) {
      tomcat.destroy();
    }
  }
}
