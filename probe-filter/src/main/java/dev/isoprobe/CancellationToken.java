/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.concurrent.CancellationException;

/**
 * Cancellation of one check execution, owned by isoprobe rather than by the HTTP
 * request: a client that hangs up cancels nothing. Thread-safe.
 */
public interface CancellationToken {

  /** Returns if this execution has been cancelled. */
  boolean isCancelled();

  /**
   * Runs {@code callback} once when this execution is cancelled, at once on the calling thread if
   * it already is. Use it to close a socket or abort a statement that does not respond to
   * interrupts. Callbacks run on one of two {@code isoprobe-cancel-<n>} threads, apart from the
   * deadline timer, and only while the check has not returned: none is started once it has
   * (one started just before may still be running as it returns, and a check that closes its
   * resource before returning may see the callback act on it, so make the callback tolerate a
   * resource already closed, as {@code Statement.cancel()} and {@code Socket.close()} do). A callback that
   * blocks holds one of those threads; while both are held, later cancellations skip their
   * callbacks (their threads are still interrupted). A callback that throws does not stop the
   * others.
   *
   * @throws NullPointerException if callback is null
   */
  void onCancel(Runnable callback);

  /** Throws {@link CancellationException} if this execution has been cancelled. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("check execution cancelled");
    }
  }
}
