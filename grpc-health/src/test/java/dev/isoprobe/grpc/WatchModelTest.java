/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model of {@code Watch} on a real server with real stubs: streams open, are cancelled and
 * re-opened, some read slowly, checks turn, the probes drain and stop, at moments a seed picks,
 * with the service's own probes of the watched names running every 20 ms throughout. After each
 * step every stream must come to the status the model gives its name; each must have been told
 * changes only, in the order its name went through them; the stop ends every stream, refuses
 * those opened after it, and leaves no thread.
 */
class WatchModelTest {

  private static final int STEPS = 40;
  private static final List<String> CHECKS = List.of("db/primary", "db/replica", "cache", "disk");
  private static final List<String> NAMES = List.of("", "liveness", "readiness", "startup", "db",
      "db/primary", "cache", "disk", "nope");

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long seed = 1; seed <= 30; seed++) {
      seeds.add(seed);
    }
    return seeds;
  }

  /** One stream, as its client sees it; a slow one takes no status until it is let read. */
  static final class Stream implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
    final String name;
    final boolean slow;
    /** Where its name's history was when it opened: what it is told starts there. */
    final int openedAt;
    volatile boolean reading;
    final List<ServingStatus> told = new CopyOnWriteArrayList<>();
    final CompletableFuture<Status> ended = new CompletableFuture<>();
    final AtomicReference<ClientCallStreamObserver<HealthCheckRequest>> call = new AtomicReference<>();
    boolean cancelled;

    Stream(String name, boolean slow, int openedAt) {
      this.name = name;
      this.slow = slow;
      this.openedAt = openedAt;
      this.reading = !slow;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requests) {
      call.set(requests);
      if (slow) {
        requests.disableAutoRequestWithInitial(0);
      }
    }

    void read() {
      if (!reading) {
        reading = true;
        call.get().request(Integer.MAX_VALUE);
      }
    }

    @Override
    public void onNext(HealthCheckResponse response) {
      told.add(response.getStatus());
    }

    @Override
    public void onError(Throwable failure) {
      ended.complete(Status.fromThrowable(failure));
    }

    @Override
    public void onCompleted() {
      ended.complete(Status.OK);
    }

    ServingStatus last() {
      return told.isEmpty() ? null : told.get(told.size() - 1);
    }
  }

  /** What the model holds: each check's flag and standing, and the probes' state. */
  private final Map<String, AtomicBoolean> up = new LinkedHashMap<>();
  private boolean draining;
  /** Each name's statuses so far, in order, the first the one it had when the run began. */
  private final Map<String, List<ServingStatus>> history = new HashMap<>();

  @ParameterizedTest
  @MethodSource("seeds")
  void everyStreamIsToldEachChangeInOrderEndsAtTheCurrentStatusAndIsEndedByTheStop(long seed)
      throws Exception {
    Random random = new Random(seed);
    CHECKS.forEach(check -> up.put(check, new AtomicBoolean(true)));
    Probes.Builder builder = Probes.builder().deadline(Duration.ofSeconds(5)).deadlockCheck(false)
        .warmUp(Duration.ZERO);
    for (String check : CHECKS) {
      builder.check(Check.builder(check, ctx -> up.get(check).get() ? CheckResult.up()
          : CheckResult.down()).groups(check.equals("disk") ? Group.LIVENESS : Group.READINESS)
          .build());
    }
    Probes probes = builder.build();
    List<Stream> open = new ArrayList<>();
    List<Stream> all = new ArrayList<>();
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(20)))) {
      NAMES.forEach(name -> history.put(name, new ArrayList<>(List.of(expected(name)))));
      int stopAt = STEPS / 2 + random.nextInt(STEPS / 2);
      for (int step = 0; step < stopAt; step++) {
        int pick = random.nextInt(100);
        String replay = "seed " + seed + ", step " + step;
        if (pick < 30 || open.isEmpty()) {
          Stream stream = open(served, NAMES.get(random.nextInt(NAMES.size())),
              random.nextInt(4) == 0);
          open.add(stream);
          all.add(stream);
        } else if (pick < 45) {
          cancel(open.remove(random.nextInt(open.size())));
        } else if (pick < 60) {
          Stream old = open.remove(random.nextInt(open.size())); // a client re-opening its stream
          cancel(old);
          Stream again = open(served, old.name, old.slow);
          open.add(again);
          all.add(again);
        } else if (pick < 95 || draining) {
          turn(served, probes, CHECKS.get(random.nextInt(CHECKS.size())), replay);
        } else {
          probes.startDraining();
          draining = true;
        }
        record();
        if (random.nextInt(3) == 0) {
          open.forEach(Stream::read);
        }
        settled(open, replay);
      }
      open.forEach(Stream::read);
      settled(open, "seed " + seed + ", before the stop");

      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
      for (Stream stream : open) {
        assertThat(stream.ended.get(5, TimeUnit.SECONDS).getCode()).as("seed %d: %s ended", seed,
            stream.name).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(stream.last()).as("seed %d: %s's last status", seed, stream.name)
            .isEqualTo(ServingStatus.NOT_SERVING);
      }
      Stream late = open(served, NAMES.get(random.nextInt(NAMES.size())), false);
      assertThat(late.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(late.told).as("opened after the stop: refused without a status").isEmpty();
      assertThat(served.health.watching()).isZero();
      for (Stream stream : all) {
        assertToldInOrder(stream, "seed " + seed);
      }
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
    assertThat(probes.liveThreads()).isEmpty();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> TestChecks.liveThreads("isoprobe-grpc-watch") == 0);
  }

  private Stream open(HealthServer served, String name, boolean slow) {
    Stream stream = new Stream(name, slow, history.get(name).size() - 1);
    HealthGrpc.newStub(served.channel).watch(
        HealthCheckRequest.newBuilder().setService(name).build(), stream);
    return stream;
  }

  private static void cancel(Stream stream) {
    stream.cancelled = true;
    stream.call.get().cancel("re-opened or gone", null);
  }

  /**
   * Turns a check, and waits until the engine has its new status (the service's probes may run it
   * first) and then until the service has heard it. The service hears a change on its listener
   * thread, after the probe that made it has answered: a stream opened in between is told the
   * status before it, as the service still has it, and then the change. Waiting here keeps that
   * window out of the model, so a stream opened after the turn that is told the older status is
   * still wrong. A witness, a watch of the check's own name that no step knows of, shows what the
   * service has heard: told the old status first, the new one can only be the change heard.
   */
  private void turn(HealthServer served, Probes probes, String check, String replay) {
    AtomicBoolean flag = up.get(check);
    Stream witness = new Stream(check, false, 0);
    HealthGrpc.newStub(served.channel).watch(
        HealthCheckRequest.newBuilder().setService(check).build(), witness);
    try {
      heard(witness, status(flag.get()), replay);
      flag.set(!flag.get());
      boolean now = flag.get();
      soon().until(() -> probes.probe(check).orElseThrow().get(5, TimeUnit.SECONDS) == now);
      heard(witness, status(now), replay);
    } finally {
      cancel(witness);
    }
  }

  private static void heard(Stream witness, ServingStatus status, String replay) {
    soon().untilAsserted(() -> assertThat(witness.last())
        .as("%s: the service has heard that %s is %s", replay, witness.name, status)
        .isEqualTo(status));
  }

  /** Waits up to 10 s, looking at once and then every few milliseconds: a step takes a few. */
  private static ConditionFactory soon() {
    return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5));
  }

  /** Adds each name's status to its history when it changed. */
  private void record() {
    history.forEach((name, statuses) -> {
      ServingStatus now = expected(name);
      if (statuses.get(statuses.size() - 1) != now) {
        statuses.add(now);
      }
    });
  }

  /** Every open stream that reads comes to its name's status. */
  private void settled(List<Stream> open, String replay) {
    for (Stream stream : open) {
      if (stream.reading) {
        soon().untilAsserted(() -> assertThat(stream.last())
            .as("%s: a stream of \"%s\" (slow: %s) is told", replay, stream.name, stream.slow)
            .isEqualTo(expected(stream.name)));
      }
    }
  }

  /**
   * Told changes only, each a status its name had since the stream opened, in the order it had
   * them; but for the {@code NOT_SERVING} a stream the stop ended was told last.
   */
  private void assertToldInOrder(Stream stream, String replay) {
    List<ServingStatus> told = new ArrayList<>(stream.told);
    for (int i = 1; i < told.size(); i++) {
      assertThat(told.get(i)).as("%s: \"%s\" told %s: a status twice in a row", replay,
          stream.name, told).isNotEqualTo(told.get(i - 1));
    }
    if (!stream.cancelled && !told.isEmpty()) {
      told.remove(told.size() - 1); // the stop's
    }
    List<ServingStatus> had = history.get(stream.name);
    int at = stream.openedAt;
    for (ServingStatus status : told) {
      while (at < had.size() && had.get(at) != status) {
        at++;
      }
      assertThat(at).as("%s: \"%s\" told %s; its history %s from %d", replay, stream.name,
          stream.told, had, stream.openedAt).isLessThan(had.size());
    }
  }

  /** The status the model gives a name now. */
  private ServingStatus expected(String name) {
    return switch (name) {
      case "" , "readiness" -> draining ? ServingStatus.NOT_SERVING
          : status(all("db/primary", "db/replica", "cache"));
      case "liveness", "disk" -> status(all("disk"));
      case "startup" -> ServingStatus.SERVING; // no startup check
      case "db" -> status(all("db/primary", "db/replica"));
      case "db/primary", "cache" -> status(all(name));
      default -> ServingStatus.SERVICE_UNKNOWN;
    };
  }

  private boolean all(String... checks) {
    for (String check : checks) {
      if (!up.get(check).get()) {
        return false;
      }
    }
    return true;
  }

  private static ServingStatus status(boolean up) {
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }
}
