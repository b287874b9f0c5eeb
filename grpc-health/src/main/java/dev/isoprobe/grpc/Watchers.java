package dev.isoprobe.grpc;

import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.StatusChange;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open {@code Watch} streams, by the target they watch, told each change on isoprobe's
 * listener thread.
 */
final class Watchers implements HealthListener {

  /** What {@code ""}, the server as a whole, is. */
  static final String SERVER = "readiness";
  /** How often a watched target is probed, so that its watchers see a hang nothing else probes. */
  static final Duration WATCH_EVERY = Duration.ofSeconds(5);

  private final Probes probes;
  private static final String STARTUP = "startup";
  private static final Set<String> GROUPS = Set.of("liveness", SERVER, STARTUP);

  private final Map<String, Set<Watch>> byTarget = new ConcurrentHashMap<>();
  /** The status of each check, as the changes told it. */
  private final Map<String, Boolean> checkUp = new ConcurrentHashMap<>();
  /**
   * Probes the watched targets, and answers calls by their callers' deadlines; its one thread
   * starts when first needed, and ends when the probes stop.
   */
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
    Thread thread = new Thread(task, "isoprobe-grpc-watch");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicBoolean ticking = new AtomicBoolean();

  Watchers(Probes probes) {
    this.probes = probes;
  }

  /** Returns the target of {@link Probes#probe(String)} that a gRPC service name names. */
  static String target(String service) {
    return service.isEmpty() ? SERVER : service;
  }

  /** Answers a {@code Check}, once; a call its client cancelled meanwhile is left as it is. */
  static void answer(StreamObserver<HealthCheckResponse> responses, ServingStatus status) {
    try {
      responses.onNext(response(status));
      responses.onCompleted();
    } catch (RuntimeException cancelled) {
      // The client went away, or the server stopped the call: nobody to tell.
    }
  }

  static HealthCheckResponse response(ServingStatus status) {
    return HealthCheckResponse.newBuilder().setStatus(status).build();
  }

  int size() {
    return byTarget.values().stream().mapToInt(Set::size).sum();
  }

  void watch(String service, ServerCallStreamObserver<HealthCheckResponse> responses) {
    String target = target(service);
    Watch watch = new Watch(responses);
    responses.setOnCancelHandler(() -> remove(target, watch));
    responses.setOnReadyHandler(watch::flush);
    if (probes.state().compareTo(Probes.State.STOPPING) >= 0) {
      watch.complete(ServingStatus.NOT_SERVING);
      return;
    }
    byTarget.computeIfAbsent(target, any -> ConcurrentHashMap.newKeySet()).add(watch);
    if (probes.state().compareTo(Probes.State.STOPPING) >= 0) {
      remove(target, watch); // stopping began while it was added: it missed the event
      watch.complete(ServingStatus.NOT_SERVING);
      return;
    }
    if (ticking.compareAndSet(false, true)) {
      timer.scheduleAtFixedRate(this::probeWatched, WATCH_EVERY.toNanos(), WATCH_EVERY.toNanos(),
          TimeUnit.NANOSECONDS);
    }
    Optional<CompletableFuture<Boolean>> current = probes.probe(target);
    if (current.isEmpty()) {
      watch.first(ServingStatus.SERVICE_UNKNOWN); // the stream stays open, as the protocol says
      return;
    }
    current.get().whenComplete((up, failure) -> watch.first(status(Boolean.TRUE.equals(up))));
  }

  /**
   * Probes each watched target, as a probe from outside would: its changes reach the watchers
   * as any others do. A target nobody watches is not probed.
   */
  private void probeWatched() {
    byTarget.keySet().forEach(this::probeWatched);
  }

  private void probeWatched(String target) {
    if (byTarget.containsKey(target)) {
      probes.probe(target).ifPresent(answer -> answer.whenComplete(
          (up, failure) -> tell(target, status(Boolean.TRUE.equals(up)))));
    }
  }

  private void remove(String target, Watch watch) {
    byTarget.computeIfPresent(target, (any, watches) -> {
      watches.remove(watch);
      return watches.isEmpty() ? null : watches;
    });
  }

  /**
   * Completes {@code answer} false by {@code nanos} from now, on this service's timer, unless it
   * is complete by then.
   */
  void falseIn(CompletableFuture<Boolean> answer, long nanos) {
    try {
      timer.schedule(() -> answer.complete(false), nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      answer.complete(false); // the probes stopped: so does every answer
    }
  }

  @Override
  public void checkChanged(StatusChange change) {
    checkUp.put(change.name(), change.up());
    // A check's name also names each check under it ("db" is "db" and "db/primary"): up while
    // each of those it knows is.
    for (String target : byTarget.keySet()) {
      if (!GROUPS.contains(target) && names(target, change.name())) {
        boolean up = checkUp.entrySet().stream()
            .filter(check -> names(target, check.getKey())).allMatch(Map.Entry::getValue);
        tell(target, status(up));
      }
    }
  }

  private static boolean names(String target, String check) {
    return check.equals(target) || check.startsWith(target + "/");
  }

  @Override
  public void groupChanged(StatusChange change) {
    tell(change.name(), status(change.up() && !refused(change.name())));
  }

  /** Whether a group's probes are refused now, as {@link Probes#probe(String)} refuses them. */
  private boolean refused(String group) {
    Probes.State state = probes.state();
    return group.equals(SERVER) ? state.compareTo(Probes.State.DRAINING) >= 0
        : group.equals(STARTUP) && state == Probes.State.STARTING;
  }

  @Override
  public void stateChanged(Probes.State state) {
    switch (state) {
      // The warm-up is over: startup is answered from its checks from now on.
      case RUNNING -> probeWatched(STARTUP);
      case DRAINING -> {
        tell(SERVER, ServingStatus.NOT_SERVING);
        probeWatched(STARTUP); // draining also ends the warm-up's refusal of startup
      }
      default -> {
        // Stopping: every stream ends, with the status that probes now get.
        timer.shutdownNow();
        byTarget.values().forEach(watches -> watches.forEach(
            watch -> watch.complete(ServingStatus.NOT_SERVING)));
        byTarget.clear();
      }
    }
  }

  private void tell(String target, ServingStatus status) {
    Set<Watch> watches = byTarget.get(target);
    if (watches != null) {
      watches.forEach(watch -> watch.send(status));
    }
  }

  private static ServingStatus status(boolean up) {
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  /**
   * One {@code Watch} stream: the status last sent and, while the client reads slowly, the one
   * to send next, which a later change replaces. Guarded by itself.
   */
  private static final class Watch {
    private final ServerCallStreamObserver<HealthCheckResponse> responses;
    private ServingStatus sent;
    private ServingStatus pending;
    private boolean done;

    Watch(ServerCallStreamObserver<HealthCheckResponse> responses) {
      this.responses = responses;
    }

    /** Sends the status the stream opened with, unless a change came first. */
    synchronized void first(ServingStatus status) {
      if (sent == null && pending == null) {
        send(status);
      }
    }

    synchronized void send(ServingStatus status) {
      if (done || status == pending) {
        return;
      }
      if (status == sent) {
        pending = null; // back to what the client has: nothing to send
        return;
      }
      pending = status;
      flush();
    }

    synchronized void flush() {
      if (done || pending == null || !responses.isReady()) {
        return;
      }
      try {
        responses.onNext(response(pending));
        sent = pending;
        pending = null;
      } catch (RuntimeException cancelled) {
        done = true;
      }
    }

    synchronized void complete(ServingStatus status) {
      if (done) {
        return;
      }
      done = true;
      try {
        if (status != sent) {
          responses.onNext(response(status));
        }
        responses.onCompleted();
      } catch (RuntimeException cancelled) {
        // The client went away first.
      }
    }
  }
}
