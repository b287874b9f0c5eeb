/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import dev.isoprobe.CancellationToken;
import dev.isoprobe.CheckContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context out of isoprobe, for calling a check directly: a fixed time left, and a token the test
 * cancels. The tests through {@code Probes} have isoprobe's own, cancelled at the deadline.
 */
final class TestContext implements CheckContext, CancellationToken {

  private final Duration remaining;
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
  private boolean cancelled;

  /** Ten seconds left: plenty. */
  TestContext() {
    this(Duration.ofSeconds(10));
  }

  TestContext(Duration remaining) {
    this.remaining = remaining;
  }

  @Override
  public CancellationToken token() {
    return this;
  }

  @Override
  public Duration remaining() {
    return remaining;
  }

  @Override
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code callback} at cancellation, or at once once cancelled, as isoprobe's token does. */
  @Override
  public void onCancel(Runnable callback) {
    synchronized (this) {
      if (!cancelled) {
        callbacks.add(callback);
        return;
      }
    }
    callback.run();
  }

  /** Cancels, running the callbacks on the calling thread. */
  void cancel() {
    synchronized (this) {
      cancelled = true;
    }
    callbacks.forEach(Runnable::run);
  }
}
