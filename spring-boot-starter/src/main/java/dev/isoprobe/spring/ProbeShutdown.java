package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two steps of stopping probes, drain then stop, kept apart from Spring's lifecycle so a
 * container-neutral shutdown component can take their place without touching the ordering.
 * Thread-safe; each step runs at most once.
 */
final class ProbeShutdown {

  private static final Logger log = LoggerFactory.getLogger(ProbeShutdown.class);

  private final Probes probes;
  private final Duration drainDelay;
  private final Duration timeout;
  private boolean draining;
  private boolean stopped;

  ProbeShutdown(Probes probes, Duration drainDelay, Duration timeout) {
    this.probes = probes;
    this.drainDelay = drainDelay;
    this.timeout = timeout;
  }

  /**
   * Makes readiness answer 503 {@code draining}, then waits the drain delay while everything else
   * is still served, so load balancers stop sending traffic before anything stops.
   */
  void drain() throws InterruptedException {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    probes.startDraining();
    if (!drainDelay.isZero()) {
      log.info("isoprobe: readiness is draining; waiting {} before stopping", drainDelay);
      // The drain delay is the point: hold the close while endpoints catch up.
      Thread.sleep(drainDelay.toMillis());
    }
  }

  /**
   * Answers every probe in flight, cancels the checks and waits up to the shutdown timeout for
   * their threads to end.
   */
  void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    try {
      if (!probes.shutdown(timeout)) {
        logStillRunning();
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Where a check that ignores cancellation is blocked is the first thing an operator needs. */
  private void logStillRunning() {
    StringBuilder stacks = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      String name = thread.getName();
      if (name.startsWith("isoprobe-check-") || name.startsWith("isoprobe-liveness-")) {
        stacks.append('\n').append(name);
        for (StackTraceElement frame : stack) {
          stacks.append("\n\tat ").append(frame);
        }
      }
    });
    log.warn("isoprobe: check threads still running {} after shutdown; they are daemon threads "
        + "and will not keep the JVM alive:{}", timeout, stacks);
  }
}
