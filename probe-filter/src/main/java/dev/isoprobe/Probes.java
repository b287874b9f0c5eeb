/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The probes of one application: its checks, the lanes that run them, and the servlet
 * filter that answers {@code /livez}, {@code /readyz}, {@code /startupz} and {@code /healthz}.
 * Thread-safe; build once, install {@link #filter()}, and {@link #close()} on shutdown.
 *
 * <pre>{@code
 * Probes probes = Probes.builder()
 *     .check(Check.builder("db", ctx -> db.ping(ctx.remaining()) ? CheckResult.up() : CheckResult.down()).build())
 *     .build();
 * servletContext.addFilter("isoprobe", probes.filter()).setAsyncSupported(true);
 * }</pre>
 */
public final class Probes implements AutoCloseable {

  /** The default probe deadline: below the kubelet's default timeoutSeconds of 1 s. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(800);
  /**
   * The default wait for check threads to end once shutdown has cancelled and interrupted them:
   * a check that honours either ends well within it, and one that ignores both would not end in
   * any wait worth holding the shutdown for.
   */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);
  /**
   * The default time the first run of each check has when the probes start: enough for a first
   * connection to a dependency on a cold JVM (a pool's, a Redis client's), well under a startup
   * probe's default 30 s.
   */
  public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(10);

  /**
   * Whether the runtime has Flight Recorder: a jlink'd or slim image may leave out {@code jdk.jfr},
   * and then {@link FlightRecorderEvents}, whose events extend {@code jdk.jfr.Event}, must never be
   * loaded. On the class path the boot layer holds every module the runtime has; on the module
   * path this module requires it.
   */
  private static final boolean FLIGHT_RECORDER =
      ModuleLayer.boot().findModule("jdk.jfr").isPresent();

  private final ProbeEngine engine;
  private final ProbePaths paths;
  private final Duration deadline;
  private final Redactor redactor;
  private final ProbeEvents events;
  private final ShowDetails showDetails;
  private final DetailsAuthorizer detailsAuthorizer;
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
  private final ListenerEvents listenerEvents;
  /** The answers of {@link #probe(String)} still to come; shutdown completes them. */
  private final Set<CompletableFuture<Boolean>> answering = ConcurrentHashMap.newKeySet();

  private Probes(Builder builder, Clock clock) {
    this.deadline = builder.deadline;
    this.paths = builder.paths();
    this.redactor = new Redactor(builder.redactions);
    this.showDetails = builder.showDetails;
    this.detailsAuthorizer = builder.detailsAuthorizer;
    List<ProbeEvents> listeners = new ArrayList<>(2);
    listeners.add(new LoggingEvents(redactor, builder.logErrorMessages));
    if (FLIGHT_RECORDER) {
      listeners.add(FlightRecorderEvents.warmedUp());
    }
    if (builder.metrics != null) {
      listeners.add(builder.metrics.events()); // the only path that loads Micrometer classes
    }
    this.listenerEvents = new ListenerEvents(redactor);
    listeners.add(listenerEvents);
    this.events = ProbeEvents.of(listeners);
    this.engine = new ProbeEngine(builder.checks(), new ProbeEngine.Settings(deadline,
        builder.executorThreads, builder.queueCapacity, builder.livenessThreads,
        builder.thresholds), clock, events, redactor);
    // Once the engine is whole: the meters read its lanes from their first scrape on.
    events.attached(engine);
    Format.warmUp(); // the answer path's classes, loaded before the first probe needs them
    engine.start(builder.warmUp).whenComplete((started, failure) -> started());
  }

  /** The first run of every check is settled: startup probes are answered from their checks. */
  private void started() {
    if (state.compareAndSet(State.STARTING, State.RUNNING)) {
      events.stateChanged(State.RUNNING);
    }
  }

  /** Starts a builder with the defaults: 800 ms deadline, 4 threads, queue of 16, deadlock check. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a filter that answers the probe paths and passes every other request down the chain.
   * Register it for all paths with async support enabled; each call returns a new filter over
   * the same checks, for one servlet context each.
   */
  @SuppressWarnings("exports") // the Servlet API is the servlet application's own (module-info)
  public Filter filter() {
    return ProbeFilter.of(this);
  }

  /** Returns the probe deadline: every probe is answered by then. */
  public Duration deadline() {
    return deadline;
  }

  /**
   * Makes readiness and {@code /healthz} answer 503 {@code draining} while liveness and startup
   * keep answering, so load balancers stop sending traffic before the server stops. Idempotent.
   */
  public void startDraining() {
    State before = state.getAndUpdate(now -> now.compareTo(State.DRAINING) < 0 ? State.DRAINING : now);
    if (before.compareTo(State.DRAINING) < 0) { // never reopens a stopped one
      events.stateChanged(State.DRAINING);
    }
  }

  /**
   * Stops isoprobe: new probes get 503 {@code shutting down}, probes in flight are answered at
   * once with 503 {@code shutting down}, running executions are cancelled and interrupted, and
   * this waits up to {@code timeout} for check threads to end. Idempotent.
   *
   * @return true if every check thread ended within the timeout
   * @throws InterruptedException if interrupted while waiting for check threads
   */
  public boolean shutdown(Duration timeout) throws InterruptedException {
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw InvalidSettingException.of("timeout", timeout.toString(), ">= 0");
    }
    long end = System.nanoTime() + timeout.toNanos();
    State before = state.getAndUpdate(now -> now == State.STOPPED ? now : State.STOPPING);
    if (before.compareTo(State.STOPPING) < 0) {
      events.stateChanged(State.STOPPING);
    }
    engine.inFlight().refuseAll(State.STOPPING); // within the timeout too
    answering.forEach(probe -> probe.complete(false));
    try {
      return engine.shutdownBy(end);
    } finally {
      state.set(State.STOPPED);
    }
  }

  /**
   * Adds a listener that hears, from now on, each change of a check's or a group's status, each
   * execution that times out, is stuck or returns after its deadline, and each step of the
   * probes' life; see {@link HealthListener}. It first hears the status each check and group
   * has when it is added, so one added after the first outcomes misses none. Adding one that is
   * added already does nothing.
   *
   * @throws NullPointerException if listener is null
   */
  public void addListener(HealthListener listener) {
    listenerEvents.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener: once this returns it is told nothing more, but for an event it is being
   * told at that moment. Does nothing for a listener not added.
   *
   * @throws NullPointerException if listener is null
   */
  public void removeListener(HealthListener listener) {
    listenerEvents.remove(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Returns the checks these probes run: the deadlock check first, when it is on, then the others
   * in the order they were added: for what lists or follows each check, such as gRPC health's {@code List}
   * and {@code Watch} of a name that covers several checks.
   */
  public List<Check> checks() {
    return engine.select(null, Set.of()).stream().map(CheckRunner::check).toList();
  }

  /**
   * Answers a probe of {@code target} for a protocol other than HTTP, such as gRPC health: a
   * group's name in lower case ({@code liveness}, {@code readiness}, {@code startup}) runs the
   * group's checks, as its path does; any other name runs the check of that name and every check
   * under it ({@code db} runs {@code db/primary}), as {@code /healthz/db} does. The same lanes,
   * single-flight, deadline and thresholds as an HTTP probe; the result completes by the deadline
   * with whether it is up, without holding the caller's thread. It completes where an HTTP answer
   * would be written (the thread that settled the checks, or isoprobe's answer thread when that
   * was the deadline timer), so what the caller chains to it must be as quick as writing an
   * answer. Startup is refused (false at once)
   * while the probes start ({@link State#STARTING}), readiness while they drain, and everything
   * once they stop; a probe in flight when they stop completes false then.
   *
   * @return the answer to come, or empty when {@code target} names no group and no check
   * @throws NullPointerException if target is null
   */
  public Optional<CompletableFuture<Boolean>> probe(String target) {
    Group group = Group.named(Objects.requireNonNull(target, "target"));
    List<CheckRunner> selected = group != null ? engine.select(group, Set.of())
        : engine.named(null, target);
    if (group == null && selected.isEmpty()) {
      return Optional.empty();
    }
    // A check's own name answers while readiness drains, as liveness does.
    if (admission(group != null ? group : Group.LIVENESS) != State.RUNNING) {
      return Optional.of(CompletableFuture.completedFuture(false));
    }
    CompletableFuture<Boolean> answer = new CompletableFuture<>();
    answering.add(answer);
    answer.whenComplete((up, failure) -> answering.remove(answer));
    long arrivalNanos = engine.ticker().nanoTime();
    // Completed, and so the caller's callbacks run, where an HTTP answer would be written: never
    // on the deadline timer, whose other deadlines must not wait behind them.
    engine.run(target, selected).whenComplete((settled, failure) -> {
      if (settled != null) {
        engine.write(arrivalNanos, settled, () -> answer.complete(settled.report().isUp()));
      } else {
        answer.complete(false);
      }
    });
    if (state.get().compareTo(State.STOPPING) >= 0) {
      answer.complete(false); // added after shutdown answered those in flight
    }
    return Optional.of(answer);
  }

  /**
   * Returns the status {@code check} has now, as its thresholds made it: empty before its first
   * counted outcome, or when no check has that name (a name that only covers checks, such as
   * {@code db} for {@code db/primary}, is none). The check's own status: not what a probe would
   * answer now, which also depends on whether the probes are draining or stopped and on how old
   * the status is. For what follows the listeners' changes and must tell a check with no status
   * yet from one whose first change is still on its way.
   *
   * @throws NullPointerException if check is null
   */
  public Optional<Boolean> status(String check) {
    Objects.requireNonNull(check, "check");
    return engine.named(null, check).stream().filter(runner -> runner.name().equals(check))
        .findFirst().map(CheckRunner::up);
  }

  /** Returns how far the probes are in their life: starting, running, draining, stopping or stopped. */
  public State state() {
    return state.get();
  }

  /**
   * Returns the threads of this instance that are running a check, a cancel callback or a health
   * listener at this moment. After {@link #shutdown(Duration)} it lists only those of code that
   * ignored cancellation and interrupt; they are daemons and cannot keep the JVM up. Idle
   * threads (still alive for a while, or leaving their pool) and isoprobe's own threads (timers,
   * answer writers) are never listed: none is in the application's code. Nor is code a caller
   * chained onto a future of {@link #probe(String)}, which runs on whichever of isoprobe's
   * threads completes it.
   * For diagnostics: the list is a snapshot and its threads must not be interrupted or joined
   * by callers that do not own them.
   */
  public List<Thread> liveThreads() {
    return engine.liveApplicationThreads();
  }

  /**
   * Stops isoprobe, waiting {@link #DEFAULT_SHUTDOWN_TIMEOUT} for check threads; see
   * {@link #shutdown(Duration)}.
   */
  @Override
  public void close() {
    try {
      shutdown(DEFAULT_SHUTDOWN_TIMEOUT);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  ProbeEngine engine() {
    return engine;
  }

  ProbePaths paths() {
    return paths;
  }

  InFlight inFlight() {
    return engine.inFlight();
  }

  ProbeEvents events() {
    return events;
  }

  /** Returns the redactor that shows details to this request's caller, or null to show none. */
  Redactor detailsFor(HttpServletRequest request) {
    return switch (showDetails) {
      case NEVER -> null;
      case ALWAYS -> redactor;
      case WHEN_AUTHORIZED -> authorized(request) ? redactor : null;
    };
  }

  private boolean authorized(HttpServletRequest request) {
    try {
      return detailsAuthorizer.isAuthorized(request);
    } catch (RuntimeException refused) {
      return false; // an authorizer that cannot decide must not open details
    }
  }

  /**
   * Returns {@link State#RUNNING} if a probe of {@code group} (null for all) is answered from its
   * checks now, else the state whose reason refuses it.
   */
  State admission(Group group) {
    State now = state.get();
    if (now == State.STARTING && group != Group.STARTUP) {
      return State.RUNNING;
    }
    if (now == State.DRAINING && group != Group.READINESS && group != null) {
      return State.RUNNING;
    }
    return now;
  }

  /** Where {@link Probes} are in their life; they only move forward, in this order. */
  public enum State {
    /**
     * The first run of each check, the warm-up, is under way: startup probes answer 503
     * {@code starting}, the others are answered from their checks. Entered when the probes are
     * built; left once every first run is settled (see {@link Builder#warmUp}).
     */
    STARTING("starting"),
    /** Every probe is answered from its checks. */
    RUNNING(null),
    /**
     * Readiness and {@code /healthz} answer 503 {@code draining}; liveness and startup run their
     * checks as before. Entered by {@link Probes#startDraining()}.
     */
    DRAINING("draining"),
    /**
     * No check execution starts; every probe is answered 503 {@code shutting down} and check
     * threads are being ended. Entered by {@link Probes#shutdown(Duration)}.
     */
    STOPPING("shutting down"),
    /** {@link Probes#shutdown(Duration)} has returned: the lanes are shut down. */
    STOPPED("shutting down");

    private final String reason;

    State(String reason) {
      this.reason = reason;
    }

    /** Returns the reason the body of a probe refused in this state gives. */
    String reason() {
      return reason;
    }
  }

  /** Builds {@link Probes}. Not thread-safe. */
  public static final class Builder {
    /** Segments of letters, digits and {@code . _ ~ -}; never {@code .} or {@code ..} alone. */

    private final List<Check> checks = new ArrayList<>();
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration warmUp = DEFAULT_WARM_UP;
    private int executorThreads = 4;
    private int queueCapacity = 16;
    private int livenessThreads = 2;
    private Standing.Thresholds thresholds = Standing.Thresholds.NONE;
    private boolean deadlockCheck = true;
    private String livenessPath = "/livez";
    private String readinessPath = "/readyz";
    private String startupPath = "/startupz";
    private String healthPath = "/healthz";
    private Clock clock = Clock.system();
    private ShowDetails showDetails = ShowDetails.NEVER;
    private boolean logErrorMessages = true;
    private DetailsAuthorizer detailsAuthorizer;
    private final List<Pattern> redactions = new ArrayList<>();
    private ProbeMetrics metrics;

    private Builder() {}

    /**
     * Sets the time by which every probe is answered. A check is cancelled early enough to leave
     * the time to write every waiting probe's answer: 25 ms of the default 800 ms, more while
     * answers have lately taken longer to write, up to half (docs/configuration.md, "Deadline and answer reserve").
     * Keep it below the kubelet's {@code timeoutSeconds}.
     *
     * @throws IllegalArgumentException if {@code deadline <= 0} or longer than a minute
     */
    public Builder deadline(Duration deadline) {
      this.deadline = Settings.TIMEOUT.check(deadline);
      return this;
    }

    /**
     * Sets the most threads that run non-liveness checks at once.
     *
     * @throws IllegalArgumentException if threads is not between 1 and 256
     */
    public Builder executorThreads(int threads) {
      this.executorThreads = Settings.EXECUTOR_THREADS.check(threads);
      return this;
    }

    /**
     * Sets how many executions may wait for a thread; beyond that a probe is answered 503
     * {@code rejected} at once. Zero means none wait.
     *
     * @throws IllegalArgumentException if capacity is not between 0 and 10,000
     */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = Settings.QUEUE_CAPACITY.check(capacity);
      return this;
    }

    /**
     * Sets the threads of the liveness lane, which runs liveness checks apart from the others.
     *
     * @throws IllegalArgumentException if threads is not between 1 and 16
     */
    public Builder livenessThreads(int threads) {
      this.livenessThreads = Settings.LIVENESS_THREADS.check(threads);
      return this;
    }

    /**
     * Sets how many executions in a row must fail before probes answer a check down, for every
     * check that sets none of its own ({@link Check.Builder#failureThreshold(int)}): 1 by
     * default, at once. A higher one keeps a flapping dependency from flapping every load
     * balancer that probes readiness.
     *
     * @throws IllegalArgumentException if threshold is not between 1 and 100
     */
    public Builder failureThreshold(int threshold) {
      this.thresholds = new Standing.Thresholds(Settings.FAILURE_THRESHOLD.check(threshold),
          thresholds.successes());
      return this;
    }

    /**
     * Sets how many executions in a row must succeed before probes answer a check that is down
     * up again, for every check that sets none of its own
     * ({@link Check.Builder#successThreshold(int)}): 1 by default, at once.
     *
     * @throws IllegalArgumentException if threshold is not between 1 and 100
     */
    public Builder successThreshold(int threshold) {
      this.thresholds = new Standing.Thresholds(thresholds.failures(),
          Settings.SUCCESS_THRESHOLD.check(threshold));
      return this;
    }

    /** Adds a check. @throws NullPointerException if check is null */
    public Builder check(Check check) {
      checks.add(Objects.requireNonNull(check, "check"));
      return this;
    }

    /** Turns the built-in {@code deadlock} liveness check on (the default) or off. */
    public Builder deadlockCheck(boolean enabled) {
      this.deadlockCheck = enabled;
      return this;
    }

    /** Sets the liveness path, {@code /livez} by default. */
    public Builder livenessPath(String path) {
      this.livenessPath = Settings.LIVENESS_PATH.check(path);
      return this;
    }

    /** Sets the readiness path, {@code /readyz} by default. */
    public Builder readinessPath(String path) {
      this.readinessPath = Settings.READINESS_PATH.check(path);
      return this;
    }

    /** Sets the startup path, {@code /startupz} by default. */
    public Builder startupPath(String path) {
      this.startupPath = Settings.STARTUP_PATH.check(path);
      return this;
    }

    /** Sets the path that runs every check, {@code /healthz} by default. */
    public Builder healthPath(String path) {
      this.healthPath = Settings.HEALTH_PATH.check(path);
      return this;
    }

    /**
     * Sets whether the line logged when a check fails carries its exception's message, redacted
     * (the default), or its class alone: for logs that must carry no text a dependency wrote.
     */
    public Builder logErrorMessages(boolean logErrorMessages) {
      this.logErrorMessages = logErrorMessages;
      return this;
    }

    /**
     * Sets whether probe bodies show each check's details and a redacted one-line error summary:
     * {@link ShowDetails#NEVER} by default. {@link ShowDetails#WHEN_AUTHORIZED} needs a
     * {@link #detailsAuthorizer(DetailsAuthorizer)}.
     *
     * @throws NullPointerException if showDetails is null
     */
    public Builder showDetails(ShowDetails showDetails) {
      this.showDetails = Objects.requireNonNull(showDetails, "details");
      return this;
    }

    /**
     * Sets who may see details under {@link ShowDetails#WHEN_AUTHORIZED}, for example
     * {@link DetailsAuthorizer#role(String)} or {@link DetailsAuthorizer#headerToken(String, String)}.
     *
     * @throws NullPointerException if authorizer is null
     */
    public Builder detailsAuthorizer(DetailsAuthorizer authorizer) {
      this.detailsAuthorizer = Objects.requireNonNull(authorizer, "detailsAuthorizer");
      return this;
    }

    /**
     * Adds a pattern whose every match is masked as {@code ***} in bodies and log lines, after
     * the built-in rules (URL user-info, {@code password=}, {@code secret=}, {@code token=},
     * {@code api_key=} and similar pairs, {@code Authorization} values, bearer tokens). To keep
     * a prefix, match it with a look-behind: {@code (?<=customer=)\d+}.
     *
     * @throws NullPointerException if pattern is null
     */
    public Builder redact(Pattern pattern) {
      redactions.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    /**
     * Records Micrometer meters; see {@link ProbeMetrics}. None are recorded by default.
     *
     * @throws NullPointerException if metrics is null
     */
    public Builder metrics(ProbeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Sets how long the warm-up may take in all: built, the probes run every check once, as many
     * at a time as each lane has threads, so that a first connection, class loading and JIT happen
     * before the first probe rather than within its deadline. A probe that comes meanwhile joins
     * the run and brings its deadline forward to its own; startup probes answer 503
     * {@code starting} until every first run is settled. A first run no probe joined that runs out
     * of the warm-up's time, or cannot start, is not counted. 10 s by default; zero turns the
     * warm-up off, and checks first run when probed.
     *
     * @throws IllegalArgumentException if {@code warmUp} is negative or longer than ten minutes
     */
    public Builder warmUp(Duration warmUp) {
      this.warmUp = Settings.WARM_UP.check(warmUp);
      return this;
    }

    /** Runs every deadline, cache and watchdog on {@code clock}; tests give a fake one. */
    Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Returns the probes, with their lanes ready.
     *
     * @throws IllegalArgumentException if two checks share a name, a check's timeout exceeds
     *     the deadline, two paths are the same or one lies under another, or details are shown
     *     when authorized without an authorizer
     */
    public Probes build() {
      paths();
      if (showDetails == ShowDetails.WHEN_AUTHORIZED && detailsAuthorizer == null) {
        throw Settings.DETAILS.refused(showDetails,
            names -> "a detailsAuthorizer, or NEVER or ALWAYS");
      }
      for (Check check : checks()) {
        if (check.timeout() != null && check.timeout().compareTo(deadline) > 0) {
          throw Settings.CHECK_TIMEOUT.refused(check.name(), check.timeout(),
              names -> "<= " + names.of(Settings.TIMEOUT) + " " + deadline);
        }
      }
      return new Probes(this, clock);
    }

    private List<Check> checks() {
      List<Check> all = new ArrayList<>();
      if (deadlockCheck) {
        all.add(DeadlockCheck.check());
      }
      all.addAll(checks);
      Set<String> names = new HashSet<>();
      for (Check check : all) {
        if (!names.add(check.name())) {
          throw InvalidSettingException.ofTogether("checks", "'" + check.name() + "'",
              "unique names");
        }
      }
      return all;
    }

    private ProbePaths paths() {
      return new ProbePaths(livenessPath, readinessPath, startupPath, healthPath);
    }
  }
}
