/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Answers probe paths asynchronously and passes everything else down the chain untouched. The
 * container thread returns as soon as the checks are started; the answer is written by the
 * thread that settles them.
 */
final class ProbeFilter implements Filter {

  private static final Logger log = Logs.get(ProbeFilter.class);

  private final Probes probes;
  private final AtomicBoolean warnedSync = new AtomicBoolean();
  /** Relative to the servlet context, as the container routes requests within it. */
  private final Routes routes;

  private ProbeFilter(Probes probes) {
    this.probes = probes;
    this.routes = probes.paths().routes();
  }

  /**
   * Returns a filter over {@code probes}. A factory rather than the constructor at the call site:
   * {@code Probes} returning {@code new ProbeFilter} as a {@code Filter} would have the verifier
   * load {@code Filter} with {@code Probes}, and a gRPC server has no Servlet API to load.
   */
  static Filter of(Probes probes) {
    return new ProbeFilter(probes);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse out) {
      Routes.Match match = routes.match(http.getServletPath(), http.getPathInfo());
      if (match != null) {
        probe(match, http, out);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private void probe(Routes.Match match, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Route route = match.route();
    boolean head = "HEAD".equals(request.getMethod());
    if (!head && !"GET".equals(request.getMethod())) {
      response.setHeader("Allow", "GET, HEAD");
      plain(route, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method not allowed", head);
      return;
    }
    Query query;
    try {
      query = Query.parse(request.getQueryString());
    } catch (IllegalArgumentException badQuery) {
      plain(route, response, HttpServletResponse.SC_BAD_REQUEST, badQuery.getMessage(), head);
      return;
    }
    List<CheckRunner> selected = select(match, query);
    if (selected == null) {
      plain(route, response, HttpServletResponse.SC_NOT_FOUND, "no such check", head);
      return;
    }
    Format format = Accept.negotiate(request.getHeader("Accept"));
    Exchange.Reply reply = new Exchange.Reply(route.probe(), format, query.verbose(), head,
        probes.detailsFor(request), isHttp1(request));
    Exchange exchange = new Exchange(response, probes.engine().ticker().nanoTime(), reply,
        probes.inFlight(), probes.events());
    Probes.State admission = probes.admission(route.group());
    if (admission != Probes.State.RUNNING) {
      exchange.refuse(admission);
      return;
    }
    run(exchange, route, selected, request);
  }

  /** Returns if the request came over HTTP/1.x; a container that does not say is taken for it. */
  private static boolean isHttp1(HttpServletRequest request) {
    String protocol = request.getProtocol();
    return protocol == null || protocol.startsWith("HTTP/1.");
  }

  /** Returns the checks a probe runs, or null when it names a check its group does not hold. */
  private List<CheckRunner> select(Routes.Match match, Query query) {
    Group group = match.route().group();
    if (match.check() == null) {
      return probes.engine().select(group, query.excluded());
    }
    List<CheckRunner> named = probes.engine().named(group, match.check());
    return named.isEmpty() ? null : named;
  }

  private void run(Exchange exchange, Route route, List<CheckRunner> selected,
      HttpServletRequest request) {
    CompletableFuture<Settled<ProbeReport>> report = probes.engine().run(route.probe(), selected);
    if (report.isDone() || !request.isAsyncSupported()) {
      answerInline(exchange, report, route);
      return;
    }
    exchange.detach(request.startAsync());
    // Counted in flight before testing the flag, so shutdown cannot miss this probe.
    if (probes.state().compareTo(Probes.State.STOPPING) >= 0) {
      exchange.refuse(Probes.State.STOPPING);
      return;
    }
    // Written by the thread that settles the report, or handed off when that is the deadline timer.
    report.whenComplete((done, failure) -> {
      if (done != null) {
        probes.engine().write(exchange.startNanos(), done, () -> exchange.answer(done.report()));
      } else {
        exchange.refuse(Probes.State.STOPPING);
      }
    });
  }

  /**
   * Answers on the container thread: at once when the report is already settled (a cached or
   * stuck check), or, when the filter was registered without async support, by waiting no
   * longer than the deadline.
   */
  private void answerInline(Exchange exchange, CompletableFuture<Settled<ProbeReport>> report,
      Route route) {
    if (report.isDone() && !report.isCompletedExceptionally()) {
      exchange.answer(report.join().report());
      return;
    }
    if (warnedSync.compareAndSet(false, true)) {
      try {
        log.warn("isoprobe filter is not async-supported for {}: probes hold a container thread "
            + "until their deadline; register the filter with asyncSupported=true", route.path());
      } catch (Throwable appenderFailed) {
        // A log appender that throws must not turn a probe into the container's 500.
      }
    }
    exchange.answerBlocking(report.thenApply(Settled::report),
        probes.deadline().plus(InFlight.BACKSTOP),
        () -> probes.state().compareTo(Probes.State.STOPPING) >= 0);
  }

  private void plain(Route route, HttpServletResponse response, int status, String message,
      boolean head) throws IOException {
    probes.events().probeAnswered(route.probe(), status);
    Exchange.write(response, status, Format.TEXT, message, head);
  }
}
