/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * A check of an HTTP endpoint through the JDK's {@link HttpClient}: a {@code GET} of one URI,
 * answered within the time the probe has left.
 *
 * <p>Up when the status is an expected one ({@linkplain Builder#expectStatus 2xx by default})
 * and, with a {@linkplain Builder#expectBody body predicate}, the body matches it; down
 * otherwise. An {@link IOException} (the connection refused, no response in time) is reported
 * {@code error}, with no message, as {@link JdbcCheck} reports an {@code SQLException}. Details:
 * {@code status}, the response's code, and nothing else: not the URI, whose user-info and query
 * can hold credentials and whose host the check's name stands for, and never the body.
 *
 * <p>Bounded by the probe's deadline in the client, not only in isoprobe: the request's
 * {@linkplain HttpRequest.Builder#timeout timeout}, which in {@code java.net.http} covers the
 * whole exchange, connect included, is the time left, and the check waits no longer for its
 * response. When the execution is cancelled (its deadline, a shutdown) the exchange is
 * {@linkplain CompletableFuture#cancel cancelled}, which closes its connection: no request to a
 * server that never answers outlives the check, on the client's threads or the server's.
 * Redirects are not followed by the default client: a redirect is a 3xx status, down unless
 * expected.
 *
 * <p>The body is read, whole, only for a body predicate: point such a check at an endpoint whose
 * body is small. Thread-safe: one instance serves every execution.
 */
public final class HttpCheck implements HealthCheck {

  private final URI uri;
  private final HttpClient client;
  private final IntPredicate expectedStatus;
  private final Predicate<String> expectedBody;

  private HttpCheck(Builder builder) {
    this.uri = builder.uri;
    this.client = builder.client != null ? builder.client : defaultClient();
    this.expectedStatus = builder.expectedStatus;
    this.expectedBody = builder.expectedBody;
  }

  /**
   * Returns a builder of a check of {@code uri}.
   *
   * @param uri an absolute {@code http} or {@code https} URI with a host
   * @throws IllegalArgumentException if uri is relative, of another scheme or has no host
   * @throws NullPointerException if uri is null
   */
  public static Builder builder(URI uri) {
    return new Builder(validated(Objects.requireNonNull(uri, "uri")));
  }

  /** Says what is wrong with the URI without showing it: it may hold credentials. */
  private static URI validated(URI uri) {
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri: relative (expected: an absolute http or https URI)");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("uri: scheme " + uri.getScheme()
          + " (expected: http or https)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("uri: no host (expected: an absolute http or https URI)");
    }
    return uri;
  }

  /**
   * HTTP/1.1, so that a plain {@code http} URI is asked without the HTTP/2 upgrade headers some
   * servers refuse; a probe sends one request at a time and gains nothing from HTTP/2.
   */
  private static HttpClient defaultClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public CheckResult check(CheckContext context) throws IOException, InterruptedException {
    // Never 0, which the request's timeout refuses: a check out of time fails at once.
    Duration remaining = Duration.ofMillis(Math.max(1, context.remaining().toMillis()));
    CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(
        HttpRequest.newBuilder(uri).GET().timeout(remaining).build(), bodyHandler());
    // At the cancellation itself, whether or not an interrupt then wakes the wait below.
    context.token().onCancel(() -> exchange.cancel(/* mayInterruptIfRunning= */ true));
    try {
      HttpResponse<String> response = await(exchange, remaining);
      boolean up = expectedStatus.test(response.statusCode())
          && (expectedBody == null || expectedBody.test(response.body()));
      Map<String, Object> details = Map.of("status", response.statusCode());
      return up ? CheckResult.up(details) : CheckResult.down(details);
    } finally {
      // A check interrupted, or out of time, leaves no exchange behind.
      exchange.cancel(/* mayInterruptIfRunning= */ true);
    }
  }

  /** Reads the body only for a predicate; otherwise discards it, as {@code discarding()} does. */
  private BodyHandler<String> bodyHandler() {
    return expectedBody != null ? BodyHandlers.ofString() : BodyHandlers.replacing(null);
  }

  /** Waits for the response, rethrowing what the client failed with as it is. */
  private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> exchange,
      Duration remaining) throws IOException, InterruptedException {
    try {
      return exchange.get(remaining.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      throw new HttpTimeoutException("no response in time");
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException("exchange failed", cause);
    }
  }

  /** Builds an {@link HttpCheck}. */
  public static final class Builder {
    private final URI uri;
    private IntPredicate expectedStatus = status -> status >= 200 && status < 300;
    private Predicate<String> expectedBody;
    private HttpClient client;

    private Builder(URI uri) {
      this.uri = uri;
    }

    /**
     * Takes a status that {@code status} accepts as up ({@code s -> s == 204}, or
     * {@code s -> s < 500} for a server that answers at all). Default: 2xx.
     *
     * @throws NullPointerException if status is null
     */
    public Builder expectStatus(IntPredicate status) {
      this.expectedStatus = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Reads the body, as a string in the charset of its {@code Content-Type} (UTF-8 when it names
     * none), and takes it as up only when {@code body} accepts it too. Default: the body is not
     * read.
     *
     * @throws NullPointerException if body is null
     */
    public Builder expectBody(Predicate<String> body) {
      this.expectedBody = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * Sends with {@code client}, for its TLS, proxy, authenticator or redirect policy; its own
     * connect timeout, if any, applies within the probe's time. Default: a client of the
     * check's own, HTTP/1.1, no redirects, the JDK's defaults otherwise.
     *
     * @throws NullPointerException if client is null
     */
    public Builder client(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Returns the check. */
    public HttpCheck build() {
      return new HttpCheck(this);
    }
  }
}
