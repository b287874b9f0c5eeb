package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Runs the checks a probe selects and gathers their reports. Thread-safe. */
final class ProbeEngine {

  private final Map<String, CheckRunner> runners;
  private final List<CheckRunner> ordered;
  private final Lane checkLane;
  private final Lane livenessLane;
  private final DeadlineTimer timer;

  ProbeEngine(List<Check> checks, Duration deadline, int threads, int queueCapacity,
      int livenessThreads, Ticker ticker, ProbeEvents events, Redactor redactor) {
    this.checkLane = new Lane("check", threads, queueCapacity);
    // Liveness checks never wait behind readiness checks: a hung dependency must not restart the pod.
    this.livenessLane = new Lane("liveness", livenessThreads, livenessThreads);
    this.timer = new DeadlineTimer();
    Map<String, CheckRunner> byName = new LinkedHashMap<>();
    for (Check check : checks) {
      Lane lane = check.groups().contains(Group.LIVENESS) ? livenessLane : checkLane;
      long timeout = (check.timeout() == null ? deadline : check.timeout()).toNanos();
      byName.put(check.name(), new CheckRunner(check, lane, timer, ticker, timeout, events, redactor));
    }
    this.runners = Map.copyOf(byName);
    this.ordered = List.copyOf(byName.values());
    events.attached(this);
  }

  /** Returns the lanes that run checks: the check lane, then the liveness lane. */
  List<Lane> lanes() {
    return List.of(checkLane, livenessLane);
  }

  /** Returns how many checks are stuck: past their deadline and still running. */
  int stuckChecks() {
    int stuck = 0;
    for (CheckRunner runner : ordered) {
      if (runner.isStuck()) {
        stuck++;
      }
    }
    return stuck;
  }

  /**
   * Returns the checks of {@code group} (every check when it is null) less the excluded ones,
   * in registration order.
   */
  List<CheckRunner> select(Group group, Set<String> excluded) {
    List<CheckRunner> selected = new ArrayList<>(ordered.size());
    for (CheckRunner runner : ordered) {
      if ((group == null || runner.check().groups().contains(group))
          && !excluded.contains(runner.name())) {
        selected.add(runner);
      }
    }
    return selected;
  }

  /** Returns the named check if it belongs to {@code group} (any group when null), else null. */
  CheckRunner find(Group group, String name) {
    CheckRunner runner = runners.get(name);
    return runner != null && (group == null || runner.check().groups().contains(group)) ? runner : null;
  }

  /** Runs the given checks; the result completes by the latest of their deadlines. */
  CompletableFuture<ProbeReport> run(String probe, List<CheckRunner> selected) {
    if (selected.size() == 1) {
      return selected.get(0).probe().thenApply(report -> new ProbeReport(probe, List.of(report)));
    }
    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array: only the raw type can be created
    CompletableFuture<CheckReport>[] reports = new CompletableFuture[selected.size()];
    for (int i = 0; i < reports.length; i++) {
      reports[i] = selected.get(i).probe();
    }
    return CompletableFuture.allOf(reports).thenApply(done -> {
      List<CheckReport> list = new ArrayList<>(reports.length);
      for (CompletableFuture<CheckReport> report : reports) {
        list.add(report.join());
      }
      return new ProbeReport(probe, list);
    });
  }

  private void abandon(Runnable queued) {
    ((Flight) queued).abandon();
  }

  /** Cancels every execution in flight, interrupts check threads and waits up to {@code timeout}. */
  boolean shutdown(Duration timeout) throws InterruptedException {
    ordered.forEach(CheckRunner::cancelInFlight);
    checkLane.shutdownNow().forEach(this::abandon);
    livenessLane.shutdownNow().forEach(this::abandon);
    timer.shutdown();
    long half = timeout.toNanos() / 2;
    return checkLane.awaitTermination(Duration.ofNanos(half))
        & livenessLane.awaitTermination(Duration.ofNanos(half));
  }
}
