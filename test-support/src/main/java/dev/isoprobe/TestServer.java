/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty 12 server on an ephemeral loopback port, for the tests of every module (shared
 * through isoprobe-test-support). {@link #start(Probes)} serves the probe filter and a business
 * servlet in an ee10 context; {@link #builder()} serves any handler (an ee10 or ee11 context, set
 * up by the test or by an installer such as {@code JettyProbes}).
 */
public final class TestServer implements AutoCloseable {

  public static final String BUSINESS_BODY = "business";

  /** The probes closed with this server, before it stops; null when the test closes its own. */
  public final Probes probes;
  public final Server jetty;
  public final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  /** Business requests that arrived in async mode (counted by {@link #start(Probes)}'s servlet). */
  public final AtomicInteger asyncBusinessRequests = new AtomicInteger();
  private final Duration requestTimeout;
  private final int port;

  private TestServer(Builder builder) throws Exception {
    this.probes = builder.probes;
    this.requestTimeout = builder.requestTimeout;
    jetty = builder.threads == null ? new Server() : new Server(builder.threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    if (builder.stopTimeoutMillis >= 0) {
      jetty.setStopTimeout(builder.stopTimeoutMillis);
    }
    jetty.setHandler(builder.handler.apply(this));
    try {
      jetty.start();
    } catch (Exception failed) {
      LifeCycle.stop(jetty);
      throw failed;
    }
    port = connector.getLocalPort();
    if (builder.warmUp != null) {
      send(HttpRequest.newBuilder(uri(builder.warmUp)).timeout(Duration.ofSeconds(10)).build());
    }
  }

  /** A server for {@code handler}: Jetty's own thread pool and stop timeout, 5 s per request. */
  public static Builder builder() {
    return new Builder();
  }

  public static TestServer start(Probes probes) throws Exception {
    return start(probes, "/", true);
  }

  /** The same server with no probe filter at all: the reference for pass-through requests. */
  public static TestServer startWithoutFilter() throws Exception {
    return business(Probes.builder().build(), "/", true, false);
  }

  public static TestServer start(Probes probes, String contextPath, boolean asyncSupported)
      throws Exception {
    return business(probes, contextPath, asyncSupported, true);
  }

  /**
   * The probe filter (if {@code withFilter}) and a business servlet at {@code /business/*}, on a
   * 64-thread pool, warmed up by one request through client, connector and filter, so that timed
   * requests measure the probe only.
   */
  private static TestServer business(Probes probes, String contextPath, boolean asyncSupported,
      boolean withFilter) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("jetty-test");
    Builder builder = new Builder().threads(pool).closing(probes).warmUp("/business/warm-up");
    builder.handler = server -> {
      ServletContextHandler context = new ServletContextHandler(contextPath);
      if (withFilter) {
        addFilter(context, new FilterHolder(probes.filter()), asyncSupported);
      }
      ServletHolder business = new ServletHolder(server.new BusinessServlet());
      business.setAsyncSupported(asyncSupported);
      context.addServlet(business, "/business/*");
      return context;
    };
    return builder.start();
  }

  /** Maps {@code filter} at {@code /*} for requests, async-supported: the probe filter's mapping. */
  public static FilterHolder addFilter(ServletContextHandler context, Filter filter) {
    return addFilter(context, new FilterHolder(filter), true);
  }

  /** Maps {@code holder} at {@code /*} for requests. */
  public static FilterHolder addFilter(ServletContextHandler context, FilterHolder holder,
      boolean asyncSupported) {
    holder.setAsyncSupported(asyncSupported);
    context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
    return holder;
  }

  /**
   * A filter that counts the requests the filters after it have returned from: for the probe
   * filter, the probes it has handed to the async path, in flight from then on.
   */
  public static Filter counting(AtomicInteger handedOver) {
    return (request, response, chain) -> {
      chain.doFilter(request, response);
      handedOver.incrementAndGet();
    };
  }

  public int port() {
    return port;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  public HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(requestTimeout).build();
  }

  public HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(request(pathAndQuery));
  }

  public HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Accept", accept)
        .timeout(requestTimeout).build());
  }

  /** The status and the body of {@code GET pathAndQuery}, as one string: {@code 200 ok}. */
  public String answer(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    return response.statusCode() + " " + response.body();
  }

  public HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
    return client.sendAsync(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
  }

  /** A raw HTTP response and how long it took from the request being written. */
  public record TimedResponse(String raw, long millis) {
    public int status() {
      return Integer.parseInt(raw.substring(9, 12));
    }
  }

  /**
   * Connects {@code count} sockets and a thread for each first, then sends {@code GET target}
   * on all of them at once and times each answer. Plain sockets and blocking reads keep the
   * client's own overhead out of the figures, which a storm on two cores would otherwise swamp.
   */
  public List<TimedResponse> storm(String target, int count) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<TimedResponse>> answers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      CompletableFuture<TimedResponse> answer = new CompletableFuture<>();
      answers.add(answer);
      Thread thread = new Thread(() -> {
        try (socket) {
          go.await();
          long sent = System.nanoTime();
          socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
          String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
          answer.complete(new TimedResponse(raw, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)));
        } catch (Exception failed) {
          answer.completeExceptionally(failed);
        }
      }, "storm-client-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    CompletableFuture.allOf(answers.toArray(CompletableFuture<?>[]::new)).get(30, TimeUnit.SECONDS);
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /** Sends a request line no URI class would build, and returns the whole raw response. */
  public String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Closes the probes it was given, then stops the server. */
  @Override
  public void close() {
    if (probes != null) {
      probes.close();
    }
    LifeCycle.stop(jetty);
  }

  /** How the server is made: the handler is the one setting without a default. */
  public static final class Builder {
    private QueuedThreadPool threads;
    private long stopTimeoutMillis = -1;
    private Function<TestServer, Handler> handler;
    private Probes probes;
    private Duration requestTimeout = Duration.ofSeconds(5);
    private String warmUp;

    private Builder() {}

    public Builder threads(QueuedThreadPool threads) {
      this.threads = threads;
      return this;
    }

    public Builder stopTimeout(long millis) {
      this.stopTimeoutMillis = millis;
      return this;
    }

    public Builder handler(Handler handler) {
      this.handler = server -> handler;
      return this;
    }

    /** Probes that {@link TestServer#close()} closes before it stops the server. */
    public Builder closing(Probes probes) {
      this.probes = probes;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** A path requested once the server has started. */
    public Builder warmUp(String path) {
      this.warmUp = path;
      return this;
    }

    public TestServer start() throws Exception {
      if (handler == null) {
        throw new IllegalStateException("handler: none (expected: a Handler)");
      }
      return new TestServer(this);
    }
  }

  /** Answers {@code hello} to every GET: the application beside the probes. */
  public static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain;charset=utf-8");
      response.getWriter().write("hello");
    }
  }

  private final class BusinessServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.isAsyncStarted()) {
        asyncBusinessRequests.incrementAndGet();
      }
      response.setStatus(200);
      response.setHeader("X-Business", "yes");
      response.setContentType("text/plain;charset=utf-8");
      response.getWriter().write(BUSINESS_BODY);
    }
  }
}
