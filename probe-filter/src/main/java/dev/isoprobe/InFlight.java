package dev.isoprobe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probes started asynchronously and not yet answered: shutdown answers them, and so does a
 * watchdog, for any still waiting well past the deadline. The deadline timer answers every probe
 * by its deadline, so the watchdog only covers that timer or the answer writers being held up
 * (by a blocking log appender, say) or a machine too overloaded to write answers in time. A sweep once a second, rather than a container async timeout per probe, keeps
 * it off each probe's path: Jetty's timeout costs a schedule and a cancel on a shared scheduler
 * for every request.
 */
final class InFlight {

  /**
   * How long past the deadline the watchdog, or a filter registered without async support, waits
   * for an answer before giving up on it.
   */
  static final Duration BACKSTOP = Duration.ofSeconds(2);
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(InFlight.class);

  private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();
  private final long overdueNanos;
  private final DeadlineTimer watchdog;
  private final AtomicBoolean sweepArmed = new AtomicBoolean();

  /** @param deadline the probe deadline; the watchdog answers {@link #BACKSTOP} after it */
  InFlight(Duration deadline, DeadlineTimer watchdog) {
    this.overdueNanos = deadline.plus(BACKSTOP).toNanos();
    this.watchdog = watchdog;
  }

  void add(Exchange exchange) {
    exchanges.add(exchange);
    if (!sweepArmed.get() && sweepArmed.compareAndSet(false, true)) {
      armSweep();
    }
  }

  void remove(Exchange exchange) {
    exchanges.remove(exchange);
  }

  int size() {
    return exchanges.size();
  }

  /** Answers every probe in flight with 503 and the admission's reason. */
  void refuseAll(Admission admission) {
    for (Exchange exchange : exchanges) {
      exchange.refuse(admission.reason());
    }
  }

  private void armSweep() {
    try {
      watchdog.schedule(this::sweep, SWEEP_PERIOD.toNanos());
    } catch (RejectedExecutionException stopped) {
      // isoprobe is stopping: shutdown answers whatever is in flight.
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    int overdue = 0;
    for (Exchange exchange : exchanges) {
      if (now - exchange.startNanos() > overdueNanos) {
        exchange.refuse("timeout");
        overdue++;
      }
    }
    if (overdue > 0) {
      log.warn("{} probe(s) still unanswered {} ms past the deadline were answered 503 timeout by "
          + "the watchdog: the deadline timer or the answer writers are held up, or the machine "
          + "is overloaded; isoprobe-timer-<n> and isoprobe-answer-<n> in a thread dump show by "
          + "what", overdue, BACKSTOP.toMillis());
    }
    sweepArmed.set(false);
    // A probe added while this sweep was armed armed nothing: keep sweeping while any remain.
    if (!exchanges.isEmpty() && sweepArmed.compareAndSet(false, true)) {
      armSweep();
    }
  }
}
