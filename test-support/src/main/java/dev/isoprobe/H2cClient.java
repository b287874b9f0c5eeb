/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * One HTTP/2 cleartext connection opened with prior knowledge (h2c, no Upgrade), as the
 * kubelet's {@code protocol: HTTP2} probes open theirs: java.net.http cannot speak it, Jetty's
 * client can. Every request is a stream of that one connection, so requests sent together are
 * multiplexed on it. Thread-safe.
 */
public final class H2cClient implements AutoCloseable {

  /** How long any one request may take before the client gives up: generous, a backstop. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient client;
  private final Connection connection;
  private final int port;

  private H2cClient(HttpClient client, Connection connection, int port) {
    this.client = client;
    this.connection = connection;
    this.port = port;
  }

  /** Opens the connection to {@code 127.0.0.1:port}. */
  public static H2cClient connect(int port) throws Exception {
    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
    client.setConnectTimeout(2_000);
    try {
      client.start();
      Request first = client.newRequest("127.0.0.1", port);
      Connection connection = client.resolveDestination(first).newConnection()
          .get(10, TimeUnit.SECONDS);
      return new H2cClient(client, connection, port);
    } catch (Exception failed) {
      LifeCycle.stop(client);
      throw failed;
    }
  }

  /** An answer as the probe's caller sees it, and how long it took from being sent. */
  public record Answer(int status, String body, HttpVersion version, Duration took) {}

  /** Sends {@code GET pathAndQuery} as a new stream on the connection. */
  public CompletableFuture<Answer> get(String pathAndQuery) {
    Request request = client.newRequest("http://127.0.0.1:" + port + pathAndQuery)
        .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long sent = System.nanoTime();
    return new CompletableResponseListener(request).send(connection)
        .thenApply(response -> answer(response, Duration.ofNanos(System.nanoTime() - sent)));
  }

  /** Sends {@code GET pathAndQuery} and waits for the answer. */
  public Answer answer(String pathAndQuery) throws Exception {
    return get(pathAndQuery).get(REQUEST_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
  }

  private static Answer answer(ContentResponse response, Duration took) {
    return new Answer(response.getStatus(), response.getContentAsString(), response.getVersion(),
        took);
  }

  @Override
  public void close() {
    connection.close();
    LifeCycle.stop(client);
  }
}
