/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.StatusChange;
import dev.isoprobe.TestChecks;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@code Watch} is told, on a real server with real stubs, where a probe's answer, a
 * partial view or another listener could tell it wrong: no status older than one already told,
 * a name's status from every check it covers, and drain and stop whatever the application's
 * listeners do.
 */
class WatchOrderTest {

  private Probes probes;
  private HealthServer served;

  @AfterEach
  void stop() throws Exception {
    if (probes != null) {
      probes.shutdown(Duration.ofSeconds(2));
    }
    if (served != null) {
      served.close();
    }
  }

  private void serve(Probes built, Duration watchEvery) throws Exception {
    probes = built;
    served = new HealthServer(GrpcHealth.of(probes, watchEvery));
  }

  private static Probes.Builder probes() {
    return Probes.builder().deadline(Duration.ofSeconds(30)).deadlockCheck(false)
        .warmUp(Duration.ZERO);
  }

  /**
   * The watched target's own probe joins a run of {@code db} that ends after {@code cache} went
   * down: its answer still says up, from the {@code cache} outcome it had. The watcher, told
   * {@code NOT_SERVING} already, must not hear that older {@code SERVING}.
   */
  @Test
  void aProbeOfTheWatchedNameThatSettlesLateNeverTellsAnOlderStatus() throws Exception {
    AtomicBoolean holdDb = new AtomicBoolean();
    CountDownLatch dbHeld = new CountDownLatch(1);
    CountDownLatch releaseDb = new CountDownLatch(1);
    AtomicBoolean cacheUp = new AtomicBoolean(true);
    serve(probes()
        .check(Check.builder("db", ctx -> {
          if (holdDb.get()) {
            dbHeld.countDown();
            releaseDb.await();
          }
          return CheckResult.up();
        }).build())
        .check(Check.builder("cache", ctx -> cacheUp.get() ? CheckResult.up() : CheckResult.down())
            .build())
        .build(), Duration.ofMillis(20));
    GrpcHealthTest.Watching whole = served.watch("");
    assertThat(whole.next()).isEqualTo(ServingStatus.SERVING);

    holdDb.set(true); // the next watch probe's run of db waits, its cache outcome up
    assertThat(dbHeld.await(5, TimeUnit.SECONDS)).isTrue();
    cacheUp.set(false);
    // A probe may join a run of cache a tick started before the change, and be told up.
    await().atMost(Duration.ofSeconds(5))
        .until(() -> !probes.probe("cache").orElseThrow().get(5, TimeUnit.SECONDS));
    assertThat(whole.next()).isEqualTo(ServingStatus.NOT_SERVING);

    holdDb.set(false);
    releaseDb.countDown();
    // A run of db that starts once the held one settled: the held one's answers came before.
    assertThat(probes.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isTrue();
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(whole.statuses::isEmpty);
  }

  /**
   * {@code db} covers {@code db/primary} and {@code db/replica}: with the primary down, a watcher
   * of {@code db} is never told {@code SERVING}, though the replica's outcome comes first.
   *
   * <p>Listeners hear an outcome before its run makes way for the next (the count and what it
   * tells are one step), so a {@code Check} sent as soon as the watcher is told may join that run
   * and be given its answer. The primary turns up only once the run is over, and no tick starts
   * another meanwhile.
   */
  @Test
  void aNameThatCoversSeveralChecksIsToldFromEveryOneOfThem() throws Exception {
    CountDownLatch replicaTold = new CountDownLatch(1);
    AtomicBoolean primaryUp = new AtomicBoolean();
    serve(probes()
        .check(Check.builder("db/primary", ctx -> {
          replicaTold.await(); // its outcome comes after the replica's is counted and told
          return primaryUp.get() ? CheckResult.up() : CheckResult.down();
        }).build())
        .check(Check.builder("db/replica", ctx -> CheckResult.up()).build())
        .build(), Duration.ofSeconds(30));
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        if (change.name().equals("db/replica")) {
          replicaTold.countDown();
        }
      }
    });

    GrpcHealthTest.Watching db = served.watch("db"); // runs both: the replica's outcome first
    assertThat(db.next()).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(probes.probe("db/primary").orElseThrow().get(5, TimeUnit.SECONDS))
        .as("the run the watcher was told of, or one after it").isFalse();
    primaryUp.set(true);
    assertThat(served.check("db")).isEqualTo(ServingStatus.SERVING);
    assertThat(db.next()).isEqualTo(ServingStatus.SERVING);
  }

  /**
   * The checks' first outcomes came before the service was made (the warm-up's): a watcher of
   * {@code db} hears {@code NOT_SERVING} while the primary is down, however the replica turns.
   */
  @Test
  void outcomesToldBeforeTheServiceWasMadeCountForANameThatCoversThem() throws Exception {
    AtomicBoolean primaryUp = new AtomicBoolean();
    AtomicBoolean replicaUp = new AtomicBoolean(true);
    Probes built = Probes.builder().deadline(Duration.ofSeconds(30)).deadlockCheck(false)
        .check(Check.builder("db/primary", ctx -> primaryUp.get() ? CheckResult.up()
            : CheckResult.down()).build())
        .check(Check.builder("db/replica", ctx -> replicaUp.get() ? CheckResult.up()
            : CheckResult.down()).build())
        .build();
    await().atMost(Duration.ofSeconds(10)).until(() -> built.state() == Probes.State.RUNNING);
    serve(built, Duration.ofSeconds(30));

    GrpcHealthTest.Watching db = served.watch("db");
    assertThat(db.next()).isEqualTo(ServingStatus.NOT_SERVING);
    replicaUp.set(false);
    assertThat(served.check("db/replica")).isEqualTo(ServingStatus.NOT_SERVING);
    replicaUp.set(true);
    assertThat(served.check("db/replica")).isEqualTo(ServingStatus.SERVING);
    primaryUp.set(true);
    assertThat(served.check("db")).isEqualTo(ServingStatus.SERVING);
    assertThat(db.next()).as("the first change of db's own status").isEqualTo(ServingStatus.SERVING);
  }

  /**
   * An application listener blocked in an interruptible call (10 s) does not hold back the
   * watchers: the drain reaches them at once, and the stop ends their streams, so the server
   * shuts down in time and no isoprobe thread is left.
   */
  @Test
  void aBlockedApplicationListenerCostsTheWatchersNeitherTheDrainNorTheStop() throws Exception {
    CountDownLatch listenerBlocked = new CountDownLatch(1);
    serve(probes().check(Check.builder("db", ctx -> CheckResult.up()).build()).build(),
        Duration.ofSeconds(30));
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        listenerBlocked.countDown();
        try {
          new CountDownLatch(1).await(10, TimeUnit.SECONDS); // a slow HTTP call
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    });
    GrpcHealthTest.Watching whole = served.watch("");
    assertThat(whole.next()).isEqualTo(ServingStatus.SERVING);
    assertThat(listenerBlocked.await(5, TimeUnit.SECONDS)).isTrue();

    probes.startDraining();
    assertThat(whole.statuses.poll(2, TimeUnit.SECONDS)).as("told the drain within 2 s")
        .isEqualTo(ServingStatus.NOT_SERVING);

    probes.shutdown(Duration.ofSeconds(1));
    assertThat(whole.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    served.server.shutdown();
    assertThat(served.server.awaitTermination(3, TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> TestChecks.liveThreads("isoprobe-grpc-watch") == 0);
  }
}
