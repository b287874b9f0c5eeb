/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execution of a check, shared by every probe that joins it. It owns the execution's
 * deadline and cancellation token: the HTTP requests waiting on it own neither.
 *
 * <p>Its {@link State} moves only forward, each step one compare-and-set, so that of the actors
 * racing for a step (the launching probe, a lane thread, the deadline, shutdown) exactly one
 * takes it and does what the step says:
 *
 * <pre>
 * from      to                by                          which then
 * NEW       QUEUED            the launch, the lane took it
 * NEW       REFUSED           the launch, the lane full   settles it REJECTED
 * NEW       RUNNING           a lane thread, before the launch recorded QUEUED
 * NEW       REFUSED           shutdown, before the same  frees the slot, settles it REJECTED
 * QUEUED    RUNNING           a lane thread               runs the check
 * QUEUED    TIMED_OUT_QUEUED  the deadline                frees the slot, settles it TIMEOUT
 * QUEUED    REFUSED           shutdown                    frees the slot, settles it REJECTED
 * RUNNING   RETURNED          the check's return          settles it with what the check returned
 * RUNNING   TIMED_OUT         the deadline                settles it TIMEOUT, cancels the token
 * TIMED_OUT INTERRUPTED       the deadline                has interrupted the thread
 * TIMED_OUT RETURNED_LATE     the check's return          leaves the late return to the deadline
 * INTERRUPTED RETURNED_LATE   the check's return          frees the slot (probes had TIMEOUT)
 * </pre>
 *
 * The late return is told, and the slot freed, after the deadline told the time-out: by the
 * check's thread when the deadline had interrupted it, else by the deadline, which then finds
 * {@code RETURNED_LATE} where it would move to {@code INTERRUPTED}.
 *
 * A deadline finding {@code NEW} does nothing: the launch sets the alarm again once the lane has
 * the execution (see {@link DeadlineAlarm}), so the deadline never frees a slot the lane is
 * refusing.
 */
final class Execution implements Runnable, CheckContext, CancellationToken {

  /** Where an execution is in its life; see the transition table above. */
  enum State {
    /** Made; being handed to its lane. */
    NEW,
    /** Accepted by its lane: waiting in its queue, or handed to a new thread of it. */
    QUEUED,
    /** Its check runs on a lane thread. */
    RUNNING,
    /** Never runs: the lane was full, or stopped with it queued. Settled {@code REJECTED}. */
    REFUSED,
    /** Never runs: its deadline passed in the queue. Settled {@code TIMEOUT}. */
    TIMED_OUT_QUEUED,
    /** Its check returned in time. Settled with what it returned. */
    RETURNED,
    /** Its deadline passed while the check ran. Settled {@code TIMEOUT}; the check still runs. */
    TIMED_OUT,
    /** As {@code TIMED_OUT}, and its thread interrupted: stuck once the unwind grace is over. */
    INTERRUPTED,
    /** Its check returned after its deadline; its thread and slot are free again. */
    RETURNED_LATE;

    /** Returns if the check's code runs (or is about to unwind) in this state. */
    boolean isInCheck() {
      return this == RUNNING || this == TIMED_OUT || this == INTERRUPTED;
    }

    /** Returns if what probes get is still open: neither the check nor its deadline decided it. */
    boolean isUndecided() {
      return this == NEW || this == QUEUED || this == RUNNING;
    }
  }

  /**
   * The probes a returning check thread answers itself, saving a hand-off: written in well
   * under a millisecond, in whatever order. More go to the answer lane; see {@link Settled}.
   */
  static final int INLINE_ANSWERS = 8;
  /**
   * How long a check may take to return once interrupted at its deadline before it counts as
   * stuck. A check that honours its interrupt unwinds in microseconds, but its thread may wait
   * that long for a core on a busy machine; meanwhile probes get the deadline's {@code TIMEOUT},
   * which its thresholds count once, rather than {@code STUCK}, which turns it down at once.
   */
  static final Duration UNWIND_GRACE = Duration.ofMillis(250);
  private static final long UNWIND_GRACE_NANOS = UNWIND_GRACE.toNanos();

  private final CheckRunner owner;
  private final Ticker ticker;
  private final long startNanos;
  /** Moves only for a warm-up run, and only earlier: see {@link #joinedBy}. */
  private volatile long deadlineNanos;
  /** Who started this run; a probe that joins a warm-up run makes it its own. Guarded by this. */
  private volatile Origin origin;

  /** Who starts an execution, which says what its outcome counts for. */
  enum Origin {
    /** A probe: its outcome is a verdict, counted by the check's thresholds. */
    PROBE,
    /**
     * The warm-up, with time to make first connections: a head start, not a verdict. An outcome
     * it could not have in time (it timed out, or never started) is not counted; a probe that
     * joins it makes it a probe's.
     */
    WARM_UP,
    /** A background refresh: counted, but for a run the lane rejected, which is tried again. */
    REFRESH
  }
  private final CompletableFuture<Settled<CheckReport>> report = new CompletableFuture<>();
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  /** The probes that joined after the one that launched this execution. */
  private final AtomicInteger joined = new AtomicInteger();
  private final Queue<Runnable> cancelCallbacks = new ConcurrentLinkedQueue<>();
  private final Lane lane;
  private volatile boolean cancelled;
  /** When the deadline interrupted the check, on the ticker; read only in {@code INTERRUPTED}. */
  private volatile long interruptedAtNanos;
  /** What the check returned; read by the deadline once it finds {@code RETURNED_LATE}. */
  private volatile CheckReport returned;
  /** The thread running the check; guarded by this, so an interrupt reaches only this run. */
  private Thread thread;

  Execution(CheckRunner owner, Lane lane, Ticker ticker, long startNanos, long timeoutNanos) {
    this(owner, lane, ticker, startNanos, timeoutNanos, Origin.PROBE);
  }

  Execution(CheckRunner owner, Lane lane, Ticker ticker, long startNanos, long timeoutNanos,
      Origin origin) {
    this.owner = owner;
    this.lane = lane;
    this.ticker = ticker;
    this.startNanos = startNanos;
    this.deadlineNanos = startNanos + timeoutNanos;
    this.origin = origin;
  }

  Origin origin() {
    return origin;
  }

  /**
   * A probe that needs its answer by {@code deadline} joins this run: a warm-up run becomes the
   * probe's, its deadline brought forward to the probe's own, so that it has time until the first
   * probe needs it, and no longer. Returns if the deadline moved; never for another run, whose
   * deadline is at least as early as any probe's that joins it.
   */
  boolean joinedBy(long deadline) {
    if (origin != Origin.WARM_UP) {
      return false; // every probe's join but the first of a warm-up run: no lock taken
    }
    synchronized (this) {
      if (origin != Origin.WARM_UP || !state.get().isUndecided()) {
        return false;
      }
      origin = Origin.PROBE;
      if (deadline - deadlineNanos >= 0) {
        return false;
      }
      deadlineNanos = deadline;
      return true;
    }
  }

  CompletableFuture<Settled<CheckReport>> report() {
    return report;
  }

  long startNanos() {
    return startNanos;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  State state() {
    return state.get();
  }

  /**
   * Hands the execution to its lane. Returns false when the lane is full: it is then settled
   * as rejected, and has no deadline to watch.
   */
  boolean launch() {
    try {
      lane.execute(this);
    } catch (RejectedExecutionException full) {
      if (!moveTo(State.NEW, State.REFUSED)) {
        // A thread of the lane took it as the lane failed to start another: it runs. (The lane
        // gave its slot back as it failed, and the run gives it back again: a slot too many, for
        // good, after a failed thread start. Left as it was: see Lane#submit.)
        return true;
      }
      owner.events().checkRejected(owner.name(), lane);
      // Handed off: probes that joined meanwhile are not the launcher's, which may be the
      // deadline timer (a background refresh, the warm-up's next check after a time-out). The
      // launching probe finds its report settled as the launch returns: the filter writes it
      // at once.
      settle(CheckReport.of(owner.name(), Outcome.REJECTED, 0), true);
      return false;
    }
    moveTo(State.NEW, State.QUEUED); // a lane thread, or shutdown, may have moved it on already
    return true;
  }

  private boolean moveTo(State from, State to) {
    return state.compareAndSet(from, to);
  }

  /**
   * Returns what a probe arriving now gets: this execution's report, or at once {@code STUCK} when
   * the execution has already timed out and the check is still running.
   */
  CompletableFuture<Settled<CheckReport>> join(long nowNanos) {
    CheckReport stuck = isStuck() ? owner.status().stuck(this, nowNanos) : null;
    if (stuck != null) {
      return CompletableFuture.completedFuture(Settled.here(stuck));
    }
    joined.incrementAndGet();
    return report;
  }

  /**
   * Returns if this execution's check is still running {@link #UNWIND_GRACE} after its deadline
   * interrupted it.
   */
  boolean isStuck() {
    // One read: the interrupt's time is written before the state moves to INTERRUPTED.
    return state.get() == State.INTERRUPTED
        && ticker.nanoTime() - interruptedAtNanos >= UNWIND_GRACE_NANOS;
  }

  @Override
  public void run() {
    if (!moveToRunning()) {
      return; // timed out in the queue, or refused at shutdown: its report is settled already
    }
    synchronized (this) {
      thread = Thread.currentThread();
      if (!state.get().isUndecided()) {
        thread.interrupt(); // its deadline passed before it was recorded here to be interrupted
      }
    }
    CheckReport outcome = null;
    String threadName = Thread.currentThread().getName();
    try {
      outcome = reportOf(lane.runApplicationCode(() -> owner.healthCheck().check(this)));
    } catch (Throwable failure) {
      // Only a redacted one-line summary is kept: the message may carry hostnames or credentials.
      // An Error included (an AssertionError, a StackOverflowError): left to the pool, it would
      // print its message and stack on stderr.
      outcome = new CheckReport(owner.name(), Outcome.ERROR, elapsed(), Map.of(),
          owner.summarize(failure));
      if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
        throw fatal; // out of memory, or the JVM broken: this thread should not go on
      }
    } finally {
      synchronized (this) {
        thread = null;
        Thread.interrupted(); // an interrupt sent at the deadline belongs to this run only
      }
      restoreName(threadName);
      // Ended even when the report could not be made (no memory left): the slot must free.
      returned = outcome != null ? outcome
          : CheckReport.of(owner.name(), Outcome.ERROR, ticker.nanoTime() - startNanos);
      State decided;
      synchronized (cancelCallbacks) { // no callback is taken once this is done
        decided = moveToReturned();
        cancelCallbacks.clear(); // what they would close, the check has given back
      }
      lane.leave();
      if (decided == State.RUNNING) {
        settle(returned, manyJoined());
      } else if (decided == State.INTERRUPTED) {
        owner.returnedLate(this, returned); // probes had its TIMEOUT, then STUCK
      } // else TIMED_OUT: the deadline has yet to tell it, and tells this after (see interrupt)
    }
  }

  /** Takes the execution from the queue (or from its launch) to its thread; false if too late. */
  private boolean moveToRunning() {
    while (true) {
      State now = state.get();
      if (now != State.NEW && now != State.QUEUED) {
        return false;
      }
      if (moveTo(now, State.RUNNING)) {
        return true;
      }
    }
  }

  /**
   * Records the check's return; returns the state it found: {@code RUNNING} if in time, else
   * {@code TIMED_OUT} or {@code INTERRUPTED}, where its deadline had decided already.
   */
  private State moveToReturned() {
    if (moveTo(State.RUNNING, State.RETURNED)) {
      return State.RUNNING;
    }
    // TIMED_OUT, or INTERRUPTED once the deadline has sent its interrupt: the one may become the
    // other as this runs, so try again.
    while (true) {
      if (moveTo(State.TIMED_OUT, State.RETURNED_LATE)) {
        return State.TIMED_OUT;
      }
      if (moveTo(State.INTERRUPTED, State.RETURNED_LATE)) {
        return State.INTERRUPTED;
      }
      Thread.onSpinWait();
    }
  }

  private CheckReport reportOf(CheckResult result) {
    if (result == null) {
      return new CheckReport(owner.name(), Outcome.ERROR, elapsed(), Map.of(), "the check returned null");
    }
    return new CheckReport(owner.name(), result.healthy() ? Outcome.UP : Outcome.DOWN, elapsed(),
        result.details());
  }

  private Duration elapsed() {
    return Duration.ofNanos(ticker.nanoTime() - startNanos);
  }

  /**
   * Ends the execution at its deadline: a queued one never runs, a running one is settled as
   * {@code TIMEOUT}, cancelled and interrupted. Does nothing once it has returned, and nothing
   * while it is {@code NEW}: its launch sets the alarm again. Called on the deadline timer, which
   * hands every answer off.
   */
  void timeOut() {
    long ran = ticker.nanoTime() - startNanos;
    CheckReport timeout = CheckReport.of(owner.name(), Outcome.TIMEOUT, ran);
    if (moveTo(State.QUEUED, State.TIMED_OUT_QUEUED)) {
      lane.remove(this);
      lane.leave();
      owner.events().checkTimedOut(timeout, null, false);
      settle(timeout, true);
      return;
    }
    // The check returning races this: the one that moves the state on from RUNNING settles.
    CheckReport counted = owner.status().timedOut(this, timeout);
    if (counted == null) {
      return;
    }
    try {
      publish(counted, true);
      synchronized (this) {
        // Told before the token's callbacks and the interrupt, while the thread still runs this
        // check (it cannot leave while this is held): its stack shows where it is blocked. Told
        // after them, a check that a callback ended had left, and seemed never to have started.
        owner.events().checkTimedOut(counted, thread, true);
      }
      cancel();
    } finally {
      interrupt(); // whatever was thrown above: a check left uninterrupted holds its slot
    }
    owner.events().checkSettled(counted);
  }

  /**
   * Moves a running execution to {@code TIMED_OUT}: the deadline's half of the race with the
   * check's return. Called by its runner under the lock it counts outcomes with.
   */
  boolean moveToTimedOut() {
    return moveTo(State.RUNNING, State.TIMED_OUT);
  }

  private void interrupt() {
    synchronized (this) {
      if (thread != null) {
        thread.interrupt();
      }
    }
    interruptedAtNanos = ticker.nanoTime();
    if (!moveTo(State.TIMED_OUT, State.INTERRUPTED)) {
      // The check returned before its interrupt, and left its late return to be told here,
      // after the time-out: told by its thread, it could reach listeners first.
      owner.returnedLate(this, returned);
    }
  }

  /** Settles an execution that will never leave the queue because isoprobe is stopping. */
  void abandon() {
    if (moveTo(State.QUEUED, State.REFUSED) || moveTo(State.NEW, State.REFUSED)) {
      lane.leave();
      settle(CheckReport.of(owner.name(), Outcome.REJECTED, 0), manyJoined());
    }
  }

  /**
   * Cancels the token and hands its callbacks to the cancel lane; idempotent. They never run on
   * the caller's thread, the deadline timer or shutdown: one that blocks (a JDBC
   * {@code Statement.cancel()} opens a connection) would hold up every later deadline.
   */
  void cancel() {
    cancelled = true;
    if (cancelCallbacks.isEmpty()) {
      return;
    }
    Lane callbacks = owner.cancelLane();
    try {
      callbacks.execute(() -> {
        try {
          runCallbacks();
        } finally {
          callbacks.leave();
        }
      });
    } catch (RejectedExecutionException full) {
      owner.events().callbacksNotRun(owner.name(), callbacks);
    }
  }

  /** Runs the callbacks registered so far, while the check has not returned. */
  private void runCallbacks() {
    String threadName = Thread.currentThread().getName();
    Runnable callback;
    while ((callback = takeCallback()) != null) {
      try {
        owner.cancelLane().runApplicationCode(Executors.callable(callback));
      } catch (Throwable ignored) {
        // A failing callback, an Error or a checked exception thrown sneakily included, must
        // not stop the others.
      } finally {
        restoreName(threadName);
      }
    }
  }

  /** Takes the next callback, or null once none is left or the check has returned. */
  private Runnable takeCallback() {
    synchronized (cancelCallbacks) {
      return state.get().isInCheck() ? cancelCallbacks.poll() : null;
    }
  }

  /**
   * Gives the thread back its name, should the check have renamed it: a name such as
   * {@code worker password=...} must not outlive the run, in later log lines and thread dumps.
   */
  private static void restoreName(String name) {
    Thread current = Thread.currentThread();
    if (!current.getName().equals(name)) {
      current.setName(name);
    }
  }

  /**
   * Settles an execution that ends without running past its deadline with {@code outcome}: counts
   * it, makes way for the next execution, and gives probes the report (see {@link #publish}).
   */
  private void settle(CheckReport outcome, boolean handOff) {
    CheckReport counted = owner.settled(this, outcome);
    publish(counted, handOff);
    owner.events().checkSettled(counted);
  }

  /** Returns if more probes joined than a returning check thread answers itself. */
  private boolean manyJoined() {
    return joined.get() >= INLINE_ANSWERS;
  }

  /**
   * Gives probes the report, once the state decided it, and with it whether their answers go to
   * the answer lane ({@link Settled}): all that the deadline timer settles, and those of many
   * probes.
   */
  private void publish(CheckReport counted, boolean handOff) {
    report.complete(new Settled<>(counted, handOff ? owner.answerReserve() : null));
  }

  @Override
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - ticker.nanoTime());
  }

  @Override
  public CancellationToken token() {
    return this;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void onCancel(Runnable callback) {
    cancelCallbacks.add(Objects.requireNonNull(callback, "callback"));
    if (cancelled) {
      runCallbacks(); // on the registering thread: the check's own, or one it started
    }
  }
}
