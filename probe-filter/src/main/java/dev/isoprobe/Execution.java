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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One execution of a check, shared by every probe that joins it. It owns the execution's
 * deadline and cancellation token: the HTTP requests waiting on it own neither.
 */
final class Execution implements Runnable, CheckContext, CancellationToken {

  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int RETURNED = 2;
  private static final int EXPIRED_IN_QUEUE = 3;
  /**
   * The probes a returning check thread answers itself, saving a hand-off: written in well
   * under a millisecond, in whatever order. More go to the answer lane; see {@link AnswerHandoff}.
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
  private final CompletableFuture<CheckReport> report = new CompletableFuture<>();
  private final AtomicInteger phase = new AtomicInteger(QUEUED);
  /** Whether the report's outcome is decided: by the check's return or by its deadline. */
  private final AtomicBoolean decided = new AtomicBoolean();
  /** The probes that joined after the one that launched this execution. */
  private final AtomicInteger joined = new AtomicInteger();
  private final Queue<Runnable> cancelCallbacks = new ConcurrentLinkedQueue<>();
  private final Lane lane;
  private volatile boolean cancelled;
  /** When the deadline interrupted the check, on the ticker; read only once {@link #interrupted}. */
  private volatile long interruptedAtNanos;
  private volatile boolean interrupted;
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
      if (origin != Origin.WARM_UP || decided.get()) {
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

  CompletableFuture<CheckReport> report() {
    return report;
  }

  long startNanos() {
    return startNanos;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  /**
   * Hands the execution to its lane. Returns false when the lane is full: it is then
   * settled as rejected, and has no deadline to watch.
   */
  boolean launch() {
    try {
      lane.execute(this);
      return true;
    } catch (RejectedExecutionException full) {
      phase.set(RETURNED);
      owner.events().checkRejected(owner.name(), lane);
      owner.settled(this, CheckReport.of(owner.name(), Outcome.REJECTED, 0));
      return false;
    }
  }

  /**
   * Returns what a probe arriving now gets: this execution's report, or at once {@code STUCK} when
   * the execution has already timed out and the check is still running.
   */
  CompletableFuture<CheckReport> join(long nowNanos) {
    CheckReport stuck = isStuck() ? owner.stuck(this, nowNanos) : null;
    if (stuck != null) {
      return CompletableFuture.completedFuture(stuck);
    }
    joined.incrementAndGet();
    return report;
  }

  /**
   * Returns if this execution's check is still running {@link #UNWIND_GRACE} after its deadline
   * interrupted it.
   */
  boolean isStuck() {
    // The interrupt first: a check returns (RETURNED) only after it, so interrupted followed by
    // RUNNING means it has not returned yet. Read the other way round, a check returning between
    // the two reads looked stuck.
    return interrupted && phase.get() == RUNNING
        && ticker.nanoTime() - interruptedAtNanos >= UNWIND_GRACE_NANOS;
  }

  /** Returns if probes have this execution's report: it returned, or its deadline passed. */
  boolean isSettled() {
    return report.isDone();
  }

  @Override
  public void run() {
    if (!phase.compareAndSet(QUEUED, RUNNING)) {
      return; // expired in the queue; its report is settled already
    }
    synchronized (this) {
      thread = Thread.currentThread();
      if (decided.get()) {
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
      synchronized (cancelCallbacks) { // no callback is taken once this is done
        phase.set(RETURNED);
        cancelCallbacks.clear(); // what they would close, the check has given back
      }
      lane.leave();
      // Settled even when the report could not be made (no memory left): the slot must free.
      owner.settled(this, outcome != null ? outcome
          : CheckReport.of(owner.name(), Outcome.ERROR, ticker.nanoTime() - startNanos));
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
   * {@code TIMEOUT}, cancelled and interrupted. Does nothing once it has returned. Called on the
   * deadline timer, which hands every answer off.
   */
  void expire() {
    AnswerHandoff.handOff(owner.answerReserve(), this::expireNow);
  }

  private void expireNow() {
    long ran = ticker.nanoTime() - startNanos;
    CheckReport timeout = CheckReport.of(owner.name(), Outcome.TIMEOUT, ran);
    if (phase.compareAndSet(QUEUED, EXPIRED_IN_QUEUE)) {
      lane.remove(this);
      lane.leave();
      owner.events().checkOverran(timeout, null, false);
      owner.settled(this, timeout);
      return;
    }
    if (phase.get() == EXPIRED_IN_QUEUE) {
      return; // shutdown abandoned it in the queue first: its report is REJECTED
    }
    // Guard against the race with the check returning a result: only one of them settles.
    CheckReport counted = owner.decide(this, timeout);
    if (counted == null) {
      return;
    }
    report.complete(counted);
    try {
      synchronized (this) {
        // Told before the token's callbacks and the interrupt, while the thread still runs this
        // check (it cannot leave while this is held): its stack shows where it is blocked. Told
        // after them, a check that a callback ended had left, and seemed never to have started.
        owner.events().checkOverran(counted, thread, true);
      }
      cancel();
    } finally {
      interrupt(); // whatever was thrown above: a check left uninterrupted holds its slot
    }
    owner.events().checkSettled(counted);
  }

  private void interrupt() {
    synchronized (this) {
      if (thread != null) {
        thread.interrupt();
      }
    }
    interruptedAtNanos = ticker.nanoTime();
    interrupted = true;
  }

  /** Settles an execution that will never leave the queue because isoprobe is stopping. */
  void abandon() {
    if (phase.compareAndSet(QUEUED, EXPIRED_IN_QUEUE)) {
      lane.leave();
      owner.settled(this, CheckReport.of(owner.name(), Outcome.REJECTED, 0));
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
      return phase.get() == RUNNING ? cancelCallbacks.poll() : null;
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
   * Claims the right to give this execution's report, once: the check returning and its
   * deadline race for it, and the loser's outcome is not what probes get.
   */
  boolean decide() {
    return decided.compareAndSet(false, true);
  }

  /** Returns if the outcome is decided: its report is published or about to be. */
  boolean isDecided() {
    return decided.get();
  }

  /** Gives probes the report; only after {@link #decide()} returned true. */
  void publish(CheckReport outcome) {
    if (joined.get() < INLINE_ANSWERS) {
      report.complete(outcome);
    } else {
      AnswerHandoff.handOff(owner.answerReserve(), () -> report.complete(outcome));
    }
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
