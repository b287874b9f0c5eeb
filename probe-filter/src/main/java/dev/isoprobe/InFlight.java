/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The probes started asynchronously and not yet answered: shutdown answers them, and so does a
 * watchdog, for any still waiting well past the deadline. The deadline timer answers every probe
 * by its deadline, so the watchdog only covers that timer or the answer writers being held up
 * (by a blocking log appender, say) or a machine too overloaded to write answers in time. A
 * sweep once a second, rather than a container async timeout per probe, keeps it off each
 * probe's path: Jetty's timeout costs a schedule and a cancel on a shared scheduler for every
 * request. The sweep also logs the probes answered late since the last one.
 */
final class InFlight {

  /**
   * How long past the deadline the watchdog, or a filter registered without async support, waits
   * for an answer before giving up on it.
   */
  static final Duration BACKSTOP = Duration.ofSeconds(2);
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final Logger log = Logs.get(InFlight.class);

  private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();
  private final long deadlineNanos;
  /** Answers later than this past the deadline are told of: {@link AnswerReserve#least}. */
  private final long graceNanos;
  private final long backstopNanos;
  private final Scheduler watchdog;
  private final Ticker ticker;
  private final ProbeEvents events;
  private final AtomicBoolean sweepArmed = new AtomicBoolean();
  /** Probes answered late since the last sweep, and how late the latest of them was. */
  private final LongAdder late = new LongAdder();
  private final AtomicLong mostLateNanos = new AtomicLong();

  /** @param deadline the probe deadline; the watchdog answers {@link #BACKSTOP} after it */
  InFlight(Duration deadline, Scheduler watchdog, Ticker ticker, ProbeEvents events) {
    this.deadlineNanos = deadline.toNanos();
    this.graceNanos = AnswerReserve.least(deadline).toNanos();
    this.backstopNanos = deadline.plus(BACKSTOP).toNanos();
    this.watchdog = watchdog;
    this.ticker = ticker;
    this.events = events;
  }

  void add(Exchange exchange) {
    exchanges.add(exchange);
    if (!sweepArmed.get() && sweepArmed.compareAndSet(false, true)) {
      armSweep();
    }
  }

  /** Called once the answer is written (or the container ended the request). */
  void remove(Exchange exchange) {
    if (exchanges.remove(exchange)) {
      long lateNanos = ticker.nanoTime() - exchange.startNanos() - deadlineNanos;
      if (lateNanos > graceNanos) {
        late.increment();
        mostLateNanos.accumulateAndGet(lateNanos, Math::max);
        events.probeAnsweredLate(exchange.probe());
      }
    }
  }

  int size() {
    return exchanges.size();
  }

  /** Answers every probe in flight with 503 and the reason {@code state} gives. */
  void refuseAll(Probes.State state) {
    for (Exchange exchange : exchanges) {
      exchange.refuse(state);
    }
  }

  private void armSweep() {
    if (!watchdog.trySchedule(this::sweep, SWEEP_PERIOD.toNanos())) {
      // isoprobe is stopping (shutdown answers whatever is in flight), or the watchdog could
      // not start its thread: the next probe arms it again.
      sweepArmed.set(false);
    }
  }

  private void sweep() {
    try {
      reportLate();
      answerPastBackstop();
    } catch (Throwable appenderFailed) {
      // A log appender that throws (out of memory, say) costs a line, never the watchdog.
    } finally {
      // Re-armed whatever happened: the watchdog is the last answer of a probe.
      sweepArmed.set(false);
      // A probe added while this sweep was armed armed nothing: keep sweeping while any remain.
      if ((!exchanges.isEmpty() || late.sum() > 0) && sweepArmed.compareAndSet(false, true)) {
        armSweep();
      }
    }
  }

  private void answerPastBackstop() {
    long now = ticker.nanoTime();
    int answered = 0;
    for (Exchange exchange : exchanges) {
      if (now - exchange.startNanos() > backstopNanos) {
        exchange.timeOut();
        answered++;
      }
    }
    if (answered > 0) {
      log.warn("{} probe(s) still unanswered {} ms past the deadline were answered 503 timeout by "
          + "the watchdog: the deadline timer or the answer writers are held up, or the machine "
          + "is overloaded; isoprobe-timer-<n> and isoprobe-answer-<n> in a thread dump show by "
          + "what", answered, BACKSTOP.toMillis());
    }
  }

  /**
   * Tells of the probes answered late since the last sweep: the deadline is a promise to the
   * caller, which a machine short of CPU for the probe rate breaks (and the first batch of a
   * storm, before {@link AnswerReserve} has a wait to go by).
   */
  private void reportLate() {
    long count = late.sumThenReset();
    long mostNanos = mostLateNanos.getAndSet(0);
    if (count > 0) {
      log.warn("{} probe(s) were answered more than {} ms after their {} ms deadline, the latest "
          + "{} ms after it: the machine is short of CPU for the probe rate; the process's CPU "
          + "use and isoprobe-answer-<n> in a thread dump show where it goes", count,
          Duration.ofNanos(graceNanos).toMillis(), Duration.ofNanos(deadlineNanos).toMillis(),
          Duration.ofNanos(mostNanos).toMillis());
    }
  }
}
