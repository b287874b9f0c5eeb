/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import dev.isoprobe.Probes;
import dev.isoprobe.internal.Loggers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Stops the {@link Probes} of one application so that load balancers drain first and no probe
 * is cut off: the one shutdown sequence that every container adapter of isoprobe runs. The
 * sequence, run once however often it is asked for:
 *
 * <ol>
 *   <li>{@link Probes.State#DRAINING}: readiness answers 503 {@code draining} while liveness and
 *       startup keep answering, for the drain delay, so that endpoints can propagate;
 *   <li>{@link Probes.State#STOPPING}: no check execution starts, every probe in flight is
 *       answered (its result if it has one, else 503 {@code shutting down}), and the check
 *       executors are shut down, waiting at most the timeout for check threads to end;
 *   <li>{@link Probes.State#STOPPED}: a check thread still alive (one that ignored cancellation
 *       and interrupt) is logged once at WARN with its stack. It is a daemon: it cannot keep
 *       the JVM up.
 * </ol>
 *
 * <p>Container-neutral: a container calls {@link #shutdown()} before it closes its connectors
 * and waits for the returned future; {@link #awaitDrained()} and {@link #awaitStopped()} are the
 * same two steps for a container whose hooks block. Thread-safe.
 */
public final class GracefulShutdown {

  /** The longest drain delay or timeout accepted: anything longer is a misconfiguration. */
  static final Duration MAX = Duration.ofMinutes(10);
  /** Beyond the sequence's own bound, for its stopping thread to hand the result over. */
  static final Duration HANDOVER = Duration.ofSeconds(1);
  private static final Logger log = Loggers.get(GracefulShutdown.class);

  private final Probes probes;
  private final Duration drainDelay;
  private final Duration timeout;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  /** The drain delay's wait, null until draining starts; guarded by this. */
  private CompletableFuture<Void> drainWait;

  private GracefulShutdown(Builder builder) {
    this.probes = builder.probes;
    this.drainDelay = builder.drainDelay;
    this.timeout = builder.timeout;
  }

  /**
   * Starts a builder for the shutdown of {@code probes}: no drain delay, a wait of
   * {@link Probes#DEFAULT_SHUTDOWN_TIMEOUT} for check threads.
   *
   * @throws NullPointerException if probes is null
   */
  public static Builder builder(Probes probes) {
    return new Builder(Objects.requireNonNull(probes, "probes"));
  }

  /** Returns how far the shutdown has got: the state of its {@link Probes}. */
  public Probes.State state() {
    return probes.state();
  }

  /** Returns the drain delay: how long readiness answers {@code draining} before stopping. */
  public Duration drainDelay() {
    return drainDelay;
  }

  /** Returns the bound on the stopping phase. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Starts draining, if not started yet: readiness answers 503 {@code draining} from now on,
   * everything else is answered as before. Returns a future that completes when the drain delay
   * has passed; cancelling it ends the delay at once (the shutdown then moves on). Stops nothing:
   * {@link #shutdown()} does, after the delay.
   */
  public CompletableFuture<Void> drain() {
    return startDraining(false);
  }

  /** Starts draining once; {@code announce} logs the wait, for the callers that wait it out. */
  private synchronized CompletableFuture<Void> startDraining(boolean announce) {
    if (drainWait == null) {
      probes.startDraining();
      if (announce && !drainDelay.isZero() && probes.state() == Probes.State.DRAINING) {
        log.info("isoprobe: readiness is draining; waiting {} before stopping", drainDelay);
      }
      drainWait = elapsing(drainDelay);
      // Elapsed or cancelled alike, the drain is over.
      drainWait.whenComplete((done, cancelled) -> drained.complete(null));
    }
    return drainWait;
  }

  /** Returns a future that completes once {@code delay} has passed, holding no thread meanwhile. */
  private static CompletableFuture<Void> elapsing(Duration delay) {
    return delay.isZero() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(() -> { },
            CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
  }

  /**
   * Starts draining, as {@link #drain()}, and waits out the drain delay on the calling thread:
   * for a container hook that holds its server's stop while endpoints catch up.
   *
   * @throws InterruptedException if interrupted; the drain delay then ends at once
   */
  public void awaitDrained() throws InterruptedException {
    CompletableFuture<Void> wait = startDraining(true);
    try {
      wait.get();
    } catch (InterruptedException interrupted) {
      wait.cancel(/* mayInterruptIfRunning= */ false);
      throw interrupted;
    } catch (ExecutionException | CancellationException cutShort) {
      // The delay was ended early; the shutdown moves on.
    }
  }

  /**
   * Runs the sequence (draining first, unless {@link #drain()} already started it) and returns
   * a future that completes when it has ended: every probe answered, the executors shut down.
   * The future never completes exceptionally; it completes at most the drain delay plus the
   * timeout after the first call. Idempotent: every call returns a view of the same future.
   */
  public CompletableFuture<Void> shutdown() {
    startDraining(true);
    drained.thenRun(this::startStopping);
    return stopped.copy();
  }

  /**
   * Runs the sequence, as {@link #shutdown()}, and waits on the calling thread until it has
   * ended, at most the drain delay plus the timeout (and a second for the hand-over). An
   * interrupt ends the wait, not the sequence, and stays set.
   *
   * @return true if the sequence ended within the wait
   */
  public boolean awaitStopped() {
    Duration bound = drainDelay.plus(timeout).plus(HANDOVER);
    try {
      shutdown().get(bound.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException notFinished) {
      // The sequence logs the threads still running with their stacks; the caller goes on.
    }
    return false;
  }

  /** Returns whether {@link #shutdown()} or {@link #drain()} has been called. */
  public synchronized boolean isShutdown() {
    return drainWait != null;
  }

  private void startStopping() {
    if (!stopping.compareAndSet(false, true)) {
      return; // another caller started it
    }
    // Waiting for check threads to end may take the whole timeout: never on the caller's thread.
    Thread stopper = new Thread(this::stop, "isoprobe-shutdown");
    stopper.setDaemon(true);
    stopper.start();
  }

  private void stop() {
    try {
      probes.shutdown(timeout); // waits out the timeout for the check threads, joining them
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      reportSurvivors(probes.liveThreads());
      stopped.complete(null);
    }
  }

  private void reportSurvivors(List<Thread> survivors) {
    for (Thread thread : survivors) {
      log.warn("isoprobe thread {} is still running {} after shutdown: its check, its cancel "
          + "callback or a health listener ignores cancellation and interrupt. It is a daemon and "
          + "cannot keep the JVM up; it was here:",
          thread.getName(), timeout, new StackOf(thread));
    }
  }

  /** Carries another thread's stack into a log line; never thrown. */
  private static final class StackOf extends Throwable {
    StackOf(Thread thread) {
      super("stack of " + thread.getName(), null, false, true);
      setStackTrace(thread.getStackTrace());
    }
  }

  /** Builds a {@link GracefulShutdown}. Not thread-safe. */
  public static final class Builder {
    private final Probes probes;
    private Duration drainDelay = Duration.ZERO;
    private Duration timeout = Probes.DEFAULT_SHUTDOWN_TIMEOUT;

    private Builder(Probes probes) {
      this.probes = probes;
    }

    /**
     * Sets how long readiness answers 503 {@code draining} before anything stops, so that load
     * balancers and Kubernetes endpoints see it first. Zero (the default) stops at once.
     *
     * @throws IllegalArgumentException if drainDelay is negative or longer than ten minutes
     */
    public Builder drainDelay(Duration drainDelay) {
      Objects.requireNonNull(drainDelay, "drainDelay");
      if (drainDelay.isNegative()) {
        throw new IllegalArgumentException("drainDelay: " + drainDelay + " (expected: >= 0)");
      }
      this.drainDelay = atMost("drainDelay", drainDelay);
      return this;
    }

    /**
     * Sets the bound on the stopping phase: answering probes in flight and waiting for check
     * threads to end.
     *
     * @throws IllegalArgumentException if {@code timeout <= 0} or longer than ten minutes
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
      }
      this.timeout = atMost("timeout", timeout);
      return this;
    }

    /** Returns the shutdown; nothing has started yet. */
    public GracefulShutdown build() {
      return new GracefulShutdown(this);
    }

    private static Duration atMost(String setting, Duration value) {
      if (value.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(setting + ": " + value + " (expected: <= " + MAX + ")");
      }
      return value;
    }
  }
}
