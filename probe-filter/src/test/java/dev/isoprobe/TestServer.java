package dev.isoprobe;

import jakarta.servlet.DispatcherType;
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
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** A real Jetty 12 server on an ephemeral loopback port with the probe filter and a business servlet. */
final class TestServer implements AutoCloseable {

  static final String BUSINESS_BODY = "business";

  final Probes probes;
  final Server server;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  final AtomicInteger asyncBusinessRequests = new AtomicInteger();
  private final int port;

  private TestServer(Probes probes, String contextPath, boolean asyncSupported, boolean withFilter)
      throws Exception {
    this.probes = probes;
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("jetty-test");
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath);
    if (withFilter) {
      FilterHolder filter = new FilterHolder(probes.filter());
      filter.setAsyncSupported(asyncSupported);
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    }
    ServletHolder business = new ServletHolder(new BusinessServlet());
    business.setAsyncSupported(asyncSupported);
    context.addServlet(business, "/business/*");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
    warmUp();
  }

  /** One request through client, connector and filter, so timed requests measure the probe only. */
  private void warmUp() throws Exception {
    send(HttpRequest.newBuilder(uri("/business/warm-up")).timeout(Duration.ofSeconds(10)).build());
  }

  static TestServer start(Probes probes) throws Exception {
    return new TestServer(probes, "/", true, true);
  }

  /** The same server with no probe filter at all: the reference for pass-through requests. */
  static TestServer startWithoutFilter() throws Exception {
    return new TestServer(Probes.builder().build(), "/", true, false);
  }

  static TestServer start(Probes probes, String contextPath, boolean asyncSupported) throws Exception {
    return new TestServer(probes, contextPath, asyncSupported, true);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(5)).build());
  }

  HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Accept", accept)
        .timeout(Duration.ofSeconds(5)).build());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A raw HTTP response and how long it took from the request being written. */
  record TimedResponse(String raw, long millis) {
    int status() {
      return Integer.parseInt(raw.substring(9, 12));
    }
  }

  /**
   * Connects {@code count} sockets and a thread for each first, then sends {@code GET target}
   * on all of them at once and times each answer. Plain sockets and blocking reads keep the
   * client's own overhead out of the figures, which a storm on two cores would otherwise swamp.
   */
  List<TimedResponse> storm(String target, int count) throws Exception {
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
  String raw(String requestLine) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
    return client.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    probes.close();
    LifeCycle.stop(server);
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
