package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import dev.isoprobe.shutdown.DrainState;
import dev.isoprobe.shutdown.GracefulShutdown;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two steps of stopping probes, drain then stop, as Spring's lifecycle calls them: blocking
 * calls over the container-neutral {@link GracefulShutdown}, which owns the drain delay, the
 * bounded wait for check threads and the logging of a thread that outlives it. Thread-safe;
 * each step runs at most once.
 */
final class ProbeShutdown {

  private static final Logger log = LoggerFactory.getLogger(ProbeShutdown.class);
  /** Beyond GracefulShutdown's own bound, for its stopping thread to hand the result over. */
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final GracefulShutdown shutdown;

  /**
   * @throws IllegalArgumentException if drainDelay is negative, timeout is not positive, or
   *     either is longer than ten minutes
   */
  ProbeShutdown(Probes probes, Duration drainDelay, Duration timeout) {
    this.shutdown = GracefulShutdown.builder(probes).drainDelay(drainDelay).timeout(timeout).build();
  }

  /**
   * Makes readiness answer 503 {@code draining}, then waits the drain delay while everything else
   * is still served, so load balancers stop sending traffic before anything stops. An interrupt
   * ends the wait early.
   */
  void drain() throws InterruptedException {
    boolean first = shutdown.state() == DrainState.RUNNING;
    CompletableFuture<Void> delay = shutdown.drain();
    if (first && !shutdown.drainDelay().isZero()) {
      log.info("isoprobe: readiness is draining; waiting {} before stopping", shutdown.drainDelay());
    }
    try {
      // The drain delay is the point: hold the close while endpoints catch up.
      delay.get();
    } catch (InterruptedException interrupted) {
      delay.cancel(/* mayInterruptIfRunning= */ false);
      throw interrupted;
    } catch (ExecutionException | CancellationException cutShort) {
      // The delay was ended early; the shutdown moves on.
    }
  }

  /**
   * Answers every probe in flight, cancels the checks and waits up to the shutdown timeout for
   * their threads to end (after the drain delay, if {@link #drain()} did not run first).
   */
  void stop() {
    Duration bound = shutdown.drainDelay().plus(shutdown.timeout()).plus(MARGIN);
    try {
      shutdown.shutdown().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException notFinished) {
      // GracefulShutdown logs the threads still running with their stacks; the close goes on.
    }
  }
}
