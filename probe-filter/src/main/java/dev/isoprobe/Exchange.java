/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One probe request and its response, answered exactly once: by its report, by shutdown, or by
 * the in-flight watchdog if neither came in time.
 */
final class Exchange implements AsyncListener {

  private final HttpServletResponse response;
  private final Reply reply;
  private final InFlight inFlight;
  private final ProbeEvents events;
  /** When the filter saw the request, on the engine's clock. */
  private final long startNanos;
  /** Done once one answer is chosen (it may still be being written): nothing else is written. */
  private final CompletableFuture<Void> answered = new CompletableFuture<>();
  /** Done once that answer is written, or the container ended the request. */
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private AsyncContext async;

  /**
   * What the request asked for: the probe's name (such as {@code readyz}), the body format, a
   * verbose body, no body ({@code HEAD}), the redactor that shows details to this caller, null
   * when it may see none, and whether it came over HTTP/1.x, the one protocol whose connection a
   * header may close.
   */
  record Reply(String probe, Format format, boolean verbose, boolean head, Redactor details,
      boolean http1) {}

  Exchange(HttpServletResponse response, long startNanos, Reply reply, InFlight inFlight,
      ProbeEvents events) {
    this.response = response;
    this.startNanos = startNanos;
    this.reply = reply;
    this.inFlight = inFlight;
    this.events = events;
  }

  /**
   * Moves the exchange to async mode and counts it in flight, where the watchdog stands in for
   * the container's async timeout, which is turned off.
   */
  void detach(AsyncContext async) {
    this.async = async;
    async.setTimeout(0);
    async.addListener(this);
    inFlight.add(this);
  }

  /**
   * Answers on the container thread, for a filter registered without async support: waits for
   * {@code report} at most {@code patience}, counted in flight meanwhile, so that shutdown and
   * the watchdog answer it, and free the thread, as they do an async probe. Refused at once
   * when {@code stopping} says isoprobe is stopping once it is counted.
   */
  void answerBlocking(CompletableFuture<ProbeReport> report, Duration patience,
      BooleanSupplier stopping) {
    inFlight.add(this);
    // Counted in flight before testing the flag, so shutdown cannot miss this probe.
    if (stopping.getAsBoolean()) {
      refuse(Probes.State.STOPPING);
      return;
    }
    try {
      CompletableFuture.anyOf(report, finished).get(patience.toNanos(), TimeUnit.NANOSECONDS);
      if (report.isDone() && !report.isCompletedExceptionally()) {
        answer(report.join());
      }
      // Another thread (shutdown, the watchdog) may be writing the answer: the container must
      // not end the request, and commit its own empty 200, before it has.
      finished.get(InFlight.BACKSTOP.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      refuse(Probes.State.STOPPING);
    } catch (ExecutionException stopped) {
      refuse(Probes.State.STOPPING);
    } catch (TimeoutException unanswered) {
      timeOut();
    }
  }

  long startNanos() {
    return startNanos;
  }

  /** Returns the probe's name, such as {@code readyz}. */
  String probe() {
    return reply.probe();
  }

  void answer(ProbeReport report) {
    finish(report.isUp() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        body(report), false);
  }

  /**
   * Renders the report, without details when they cannot be rendered: a detail's own
   * {@code toString()} may throw, and must cost the details, not the answer. Without details a
   * body holds names, outcomes and durations only, which always render.
   */
  private String body(ProbeReport report) {
    if (reply.details() != null) {
      try {
        return reply.format().report(report, reply.verbose(), reply.details());
      } catch (Throwable unrenderable) {
        // Its message is the check's own text: it goes nowhere. An Error included: a detail's
        // toString() recursing into itself, or one that exhausted memory, costs this answer its
        // details, not its answer.
      }
    }
    return reply.format().report(report, reply.verbose(), null);
  }

  /** Answers 503 {@code timeout}: the watchdog's answer to a probe nothing else answered. */
  void timeOut() {
    finish(HttpServletResponse.SC_SERVICE_UNAVAILABLE, reply.format().refusal(probe(), "timeout"),
        false);
  }

  /**
   * Answers 503 with the reason the probes refuse it: starting, or the server stopping, when it
   * closes an HTTP/1.x connection: a keep-alive client must not send its next request on a
   * connection the server is about to close. HTTP/2 forbids connection-specific headers (RFC 9113
   * 8.2.2: a client treats the answer as malformed and resets the stream, and Tomcat passes the
   * header on); there the container's GOAWAY closes the connection.
   */
  void refuse(Probes.State state) {
    finish(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        reply.format().refusal(probe(), state.reason()),
        state != Probes.State.STARTING && reply.http1());
  }

  private void finish(int status, String body, boolean closeConnection) {
    if (!answered.complete(null)) {
      return;
    }
    events.probeAnswered(probe(), status);
    try {
      if (closeConnection) {
        response.setHeader("Connection", "close");
      }
      write(response, status, reply.format(), body, reply.head());
    } catch (IOException | RuntimeException clientGone) {
      // The client hung up; the check it was waiting for runs on, detached.
    } finally {
      complete();
    }
  }

  private void complete() {
    inFlight.remove(this);
    try {
      if (async != null) {
        async.complete();
      }
    } catch (IllegalStateException alreadyCompleted) {
      // The container ended the request first (client error); nothing left to do.
    } finally {
      finished.complete(null);
    }
  }

  static void write(HttpServletResponse response, int status, Format format, String body,
      boolean head) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(format.contentType());
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    if (!head) {
      response.getOutputStream().write(bytes);
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    timeOut();
  }

  @Override
  public void onError(AsyncEvent event) {
    if (answered.complete(null)) {
      complete();
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {
    // The container may recycle the response now: a report settling later must not write to it.
    answered.complete(null);
    inFlight.remove(this);
    finished.complete(null);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // Not re-dispatched; nothing to do.
  }
}
