package dev.isoprobe.shutdown;

import dev.isoprobe.Probes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the {@link Probes} of one application so that load balancers drain first and no probe
 * is cut off. The sequence, run once however often it is asked for:
 *
 * <ol>
 *   <li>{@link DrainState#DRAINING}: readiness answers 503 {@code draining} while liveness and
 *       startup keep answering, for the drain delay, so that endpoints can propagate;
 *   <li>{@link DrainState#STOPPING}: no check execution starts, every probe in flight is
 *       answered (its result if it has one, else 503 {@code shutting down}), and the check
 *       executors are shut down, waiting at most the timeout for check threads to end;
 *   <li>{@link DrainState#STOPPED}: a check thread still alive (one that ignored cancellation
 *       and interrupt) is logged once at WARN with its stack. It is a daemon: it cannot keep
 *       the JVM up.
 * </ol>
 *
 * <p>Container-neutral: a container calls {@link #shutdown()} before it closes its connectors
 * and waits for the returned future. Thread-safe.
 */
public final class GracefulShutdown {

  /** The default bound on the stopping phase. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest drain delay or timeout accepted: anything longer is a misconfiguration. */
  static final Duration MAX = Duration.ofMinutes(10);

  private final Probes probes;
  private final Duration drainDelay;
  private final Duration timeout;
  private final Delay delay;
  private final Logger log;
  private final AtomicReference<DrainState> state = new AtomicReference<>(DrainState.RUNNING);
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  /** The drain delay's wait; guarded by this. */
  private CompletableFuture<Void> drainWait;

  private GracefulShutdown(Builder builder) {
    this.probes = builder.probes;
    this.drainDelay = builder.drainDelay;
    this.timeout = builder.timeout;
    this.delay = builder.delay;
    this.log = builder.log;
  }

  /**
   * Starts a builder for the shutdown of {@code probes}: no drain delay, a five-second timeout.
   *
   * @throws NullPointerException if probes is null
   */
  public static Builder builder(Probes probes) {
    return new Builder(Objects.requireNonNull(probes, "probes"));
  }

  /** Returns how far the shutdown has got. */
  public DrainState state() {
    return state.get();
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
  public synchronized CompletableFuture<Void> drain() {
    if (state.compareAndSet(DrainState.RUNNING, DrainState.DRAINING)) {
      probes.startDraining();
      drainWait = delay.after(drainDelay);
      // Elapsed or cancelled alike, the drain is over.
      drainWait.whenComplete((done, cancelled) -> drained.complete(null));
    }
    return drainWait;
  }

  /**
   * Runs the sequence (draining first, unless {@link #drain()} already started it) and returns
   * a future that completes when it has ended: every probe answered, the executors shut down.
   * The future never completes exceptionally; it completes at most the drain delay plus the
   * timeout after the first call. Idempotent: every call returns a view of the same future.
   */
  public CompletableFuture<Void> shutdown() {
    drain();
    drained.thenRun(this::startStopping);
    return stopped.copy();
  }

  /** Returns whether {@link #shutdown()} or {@link #drain()} has been called. */
  public boolean isShutdown() {
    return state.get() != DrainState.RUNNING;
  }

  private void startStopping() {
    if (!state.compareAndSet(DrainState.DRAINING, DrainState.STOPPING)) {
      return; // another caller started it
    }
    // Waiting for check threads to end may take the whole timeout: never on the caller's thread.
    Thread stopper = new Thread(this::stop, "isoprobe-shutdown");
    stopper.setDaemon(true);
    stopper.start();
  }

  private void stop() {
    long end = System.nanoTime() + timeout.toNanos();
    try {
      probes.shutdown(timeout);
      // An executor counts as terminated a moment before its last thread has ended.
      for (Thread thread : probes.liveThreads()) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      reportSurvivors(probes.liveThreads());
      state.set(DrainState.STOPPED);
      stopped.complete(null);
    }
  }

  private void reportSurvivors(List<Thread> survivors) {
    for (Thread thread : survivors) {
      log.warn("isoprobe thread {} is still running {} after shutdown: its check, or its cancel "
          + "callback, ignores cancellation and interrupt. It is a daemon and cannot keep the JVM "
          + "up; it was here:",
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
    private Duration timeout = DEFAULT_TIMEOUT;
    private Delay delay = Delay.system();
    private Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

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

    Builder delay(Delay delay) {
      this.delay = delay;
      return this;
    }

    Builder log(Logger log) {
      this.log = log;
      return this;
    }

    /** Returns the shutdown, in state {@link DrainState#RUNNING}. */
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
