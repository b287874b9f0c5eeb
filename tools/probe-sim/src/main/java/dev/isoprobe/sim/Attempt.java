/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/**
 * One probe request and how it ended.
 *
 * @param seq the caller's attempt number, from 1
 * @param start nanoseconds since the start of the run
 * @param end when the response (or the timeout, or the error) arrived
 * @param status the HTTP status, or -1 without a response
 * @param error the exception's class name when there was neither a response nor a timeout
 */
record Attempt(int seq, long start, long end, int status, boolean timedOut, String error) {

  static Attempt of(int seq, long start, long end, int status, Throwable failure) {
    if (failure == null) {
      return new Attempt(seq, start, end, status, false, null);
    }
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    boolean timedOut = cause instanceof HttpTimeoutException;
    return new Attempt(seq, start, end, -1, timedOut, timedOut ? null : cause.getClass().getSimpleName());
  }

  /** Kubernetes' rule: a status from 200 to 399 is a success, anything else (no answer too) a failure. */
  boolean success() {
    return status >= 200 && status < 400;
  }

  boolean answered() {
    return status >= 0;
  }

  long latencyMillis() {
    return (end - start) / 1_000_000;
  }

  /** The status, {@code timeout}, or {@code error} and the exception's class name. */
  String outcome() {
    return answered() ? String.valueOf(status) : timedOut ? "timeout" : "error " + error;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "#%-4d %-8s %5d ms", seq, outcome(), latencyMillis());
  }
}
