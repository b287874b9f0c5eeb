/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ProbesConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyAppTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;
  private int port;

  @AfterEach
  void stop() {
    LifeCycle.stop(server);
  }

  @Test
  void theAdminEndpointsMakeTheCheckHangAndHeal() throws Exception {
    start(false);
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);

    assertThat(send("POST", "/admin/hang").body()).isEqualTo("db hangs\n");
    HttpResponse<String> hung = send("GET", "/readyz?verbose");
    assertThat(hung.statusCode()).isEqualTo(503);
    assertThat(hung.body()).startsWith("[-]db failed: timeout after ");
    assertThat(send("GET", "/livez").statusCode()).isEqualTo(200);
    assertThat(send("GET", "/hello").body()).isEqualTo("hello\n");

    assertThat(send("POST", "/admin/heal").body()).isEqualTo("db healthy\n");
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void startsHungWhenToldTo() throws Exception {
    start(true);

    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
    assertThat(send("GET", "/admin/stats").body()).startsWith("db hanging\n");
  }

  @Test
  void jettyIsSizedFromTheSettings() throws Exception {
    Map<String, String> env = Map.of("HOST", "127.0.0.1", "PORT", "0",
        "JETTY_HEADER_CACHE_SIZE", "0", "JETTY_MAX_THREADS", "24");
    start(Settings.from(env, new Properties(), ProbesConfig.from(Map.of())));

    assertThat(((QueuedThreadPool) server.getThreadPool()).getMaxThreads()).isEqualTo(24);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    assertThat(connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
        .getHeaderCacheSize()).isZero();
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);
  }

  private void start(boolean hang) throws Exception {
    start(new Settings("127.0.0.1", 0, 2_000,
        ProbesConfig.from(Map.of("isoprobe.timeout", "300ms")), 0, hang));
  }

  private void start(Settings settings) throws Exception {
    server = JettyApp.start(settings);
    port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
