import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Central Publisher Portal's upload endpoint, on loopback, for the release dry
 * run: central-publishing-maven-plugin uploads its bundle as it would to Central, and nothing
 * leaves the machine. Usage: {@code java FakeCentral.java <directory>}; prints the port it
 * listens on as its only line of output, then saves each uploaded bundle as
 * {@code <directory>/bundle-<n>.zip} and what it was told as {@code <directory>/upload-<n>.txt}.
 * It answers every other request 404, so a plugin that asked for more would fail the run.
 */
public final class FakeCentral {

  private static final String UPLOAD = "/api/v1/publisher/upload";

  public static void main(String[] args) throws IOException {
    Path directory = Files.createDirectories(Path.of(args[0]));
    AtomicInteger uploads = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        if (exchange.getRequestMethod().equals("POST")
            && exchange.getRequestURI().getPath().equals(UPLOAD)) {
          receive(exchange, directory, uploads.incrementAndGet());
        } else {
          answer(exchange, 404, "not part of the dry run: " + exchange.getRequestURI());
        }
      } catch (RuntimeException | IOException failure) {
        System.err.println("FakeCentral: " + failure);
      }
    });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
  }

  private static void receive(HttpExchange exchange, Path directory, int n) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    byte[] body = exchange.getRequestBody().readAllBytes();
    byte[] bundle = contentType == null ? null : bundlePart(body, contentType);
    boolean authorized = exchange.getRequestHeaders().getFirst("Authorization") != null;
    Files.writeString(directory.resolve("upload-" + n + ".txt"),
        "query=" + exchange.getRequestURI().getRawQuery() + "\nauthorization="
            + (authorized ? "present" : "absent") + "\n");
    if (bundle == null || !authorized) {
      answer(exchange, 400, bundle == null ? "no part named bundle" : "no Authorization header");
      return;
    }
    Files.write(directory.resolve("bundle-" + n + ".zip"), bundle);
    answer(exchange, 201, "dry-run-deployment-" + n);
  }

  /** The content of the multipart part named "bundle", or null. */
  private static byte[] bundlePart(byte[] body, String contentType) {
    int at = contentType.indexOf("boundary=");
    if (at < 0) {
      return null;
    }
    String boundary = contentType.substring(at + "boundary=".length()).replace("\"", "").trim();
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int part = indexOf(body, first, 0);
    while (part >= 0) {
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), part);
      if (headersEnd < 0) {
        return null;
      }
      String headers = new String(body, part, headersEnd - part, StandardCharsets.ISO_8859_1);
      int end = indexOf(body, delimiter, headersEnd + 4);
      if (end < 0) {
        return null;
      }
      if (headers.contains("name=\"bundle\"")) {
        return Arrays.copyOfRange(body, headersEnd + 4, end);
      }
      part = end + 2;
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
