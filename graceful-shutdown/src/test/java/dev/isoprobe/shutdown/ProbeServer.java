package dev.isoprobe.shutdown;

import dev.isoprobe.Probes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * A real Jetty 12 server on an ephemeral loopback port: the probe filter behind a filter that
 * counts the probes it has handed to the async path, and a business servlet at {@code /hello}.
 */
final class ProbeServer implements AutoCloseable {

  final Server server = new Server();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** Requests that isoprobe's filter returned from: async probes are in flight from then on. */
  final AtomicInteger handedOver = new AtomicInteger();
  private final int port;

  ProbeServer(Probes probes) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    Filter counting = (request, response, chain) -> {
      chain.doFilter(request, response);
      handedOver.incrementAndGet();
    };
    FilterHolder counter = new FilterHolder(counting);
    counter.setAsyncSupported(true);
    context.addFilter(counter, "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder filter = new FilterHolder(probes.filter());
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Hello()), "/hello");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
  }

  @Override
  public void close() {
    LifeCycle.stop(server);
  }

  private static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain;charset=utf-8");
      response.getWriter().write("hello");
    }
  }
}
