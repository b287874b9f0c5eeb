package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's plain-servlet quick start, line for line, compiled and run against a real Jetty
 * through the Servlet API alone ({@code ServletContext.addFilter}), so the README cannot rot:
 * {@link #readmeBlockIsThisCode} fails when the README's block and this code part ways.
 */
class ReadmeServletQuickStartTest {

  static final Path SOURCE = Path.of("src/test/java/dev/isoprobe/ReadmeServletQuickStartTest.java");

  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;

  /** The README's code up to the filter mapping, as a container's start-up code runs it. */
  static Probes install(ServletContext servletContext, DataSource dataSource) {
    Probes probes = Probes.builder()
        .deadline(Duration.ofMillis(800))                  // every probe answered by then
        .check(Check.builder("db", ctx -> {
              try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(1) ? CheckResult.up() : CheckResult.down();
              }
            })
            .groups(Group.READINESS)                       // dependencies belong to readiness
            .timeout(Duration.ofMillis(500))
            .build())
        .build();
    FilterRegistration.Dynamic filter = servletContext.addFilter("isoprobe", probes.filter());
    filter.setAsyncSupported(true);                        // the answer is written asynchronously
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    return probes;
  }

  @Test
  void quickStartAnswersProbesDrainsAndStops() throws Exception {
    Connection db = mock(Connection.class);
    when(db.isValid(1)).thenReturn(true);
    DataSource dataSource = mock(DataSource.class);
    when(dataSource.getConnection()).thenReturn(db);
    AtomicReference<Probes> installed = new AtomicReference<>();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(
        (classes, servletContext) -> installed.set(install(servletContext, dataSource)));
    server.setHandler(context);
    server.start();
    Probes probes = installed.get();

    assertThat(get("/readyz?verbose")).startsWith("200 ").contains("[+]db ok");
    assertThat(get("/livez?verbose")).startsWith("200 ").contains("[+]deadlock ok")
        .doesNotContain("db ok");
    verify(db).close(); // the README's check returns its connection

    // on shutdown, before the connectors close:
    probes.startDraining();                                // readiness answers 503 draining
    assertThat(get("/readyz")).isEqualTo("503 draining");
    assertThat(get("/livez")).startsWith("200 ");
    probes.shutdown(Duration.ofSeconds(5));                // answer probes in flight, end check threads
    await().atMost(Duration.ofSeconds(2)).until(() -> probes.liveThreads().isEmpty());
    assertThat(get("/livez")).isEqualTo("503 shutting down");
  }

  @Test
  void readmeBlockIsThisCode() throws IOException {
    List<String> block = readmeBlock(SOURCE.toString().replace('\\', '/'));
    assertThat(block).hasSizeLessThan(20).anyMatch(line -> line.contains("addFilter"));
    assertInOrder(block, Files.readAllLines(SOURCE));
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = send(path);
    return response.statusCode() + " " + response.body();
  }

  private HttpResponse<String> send(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0])
        .getLocalPort() + path);
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() {
    LifeCycle.stop(server);
  }

  /**
   * Returns the lines of the README's code block marked {@code <!-- ... by <source> -->}.
   */
  static List<String> readmeBlock(String source) throws IOException {
    List<String> readme = Files.readAllLines(Path.of("../README.md"));
    for (int i = 0; i < readme.size(); i++) {
      if (readme.get(i).startsWith("<!--") && readme.get(i).contains(source)) {
        assertThat(readme.get(i + 1)).as("a code block right after the marker").startsWith("```");
        List<String> block = new ArrayList<>();
        for (int j = i + 2; !readme.get(j).startsWith("```"); j++) {
          block.add(readme.get(j));
        }
        return block;
      }
    }
    throw new AssertionError("README.md has no code block marked with " + source);
  }

  /**
   * Asserts that every line of {@code block} appears in {@code source}, in order, with the same
   * text apart from indentation and alignment; the test may put lines of its own between them.
   */
  static void assertInOrder(List<String> block, List<String> source) {
    int at = 0;
    for (String line : block) {
      String wanted = normal(line);
      while (at < source.size() && !normal(source.get(at)).equals(wanted)) {
        at++;
      }
      assertThat(at).as("README line '%s' in %s, after the lines before it", wanted, SOURCE)
          .isLessThan(source.size());
      at++;
    }
  }

  private static String normal(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }
}
