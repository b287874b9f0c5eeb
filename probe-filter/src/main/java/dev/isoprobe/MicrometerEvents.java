/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records isoprobe's meters. The only class besides {@link ProbeMetrics} that touches
 * Micrometer, and loaded only when the user passes a registry, so the core runs without
 * Micrometer on the class path. Meters are looked up once and kept, so a probe costs a map
 * lookup and an increment.
 */
final class MicrometerEvents implements ProbeEvents {

  static final String PROBE_REQUESTS = "isoprobe.probe.requests";
  static final String PROBE_LATE = "isoprobe.probe.late";
  static final String CHECK_DURATION = "isoprobe.check.duration";
  static final String CHECK_TIMEOUTS = "isoprobe.check.timeouts";
  static final String CHECKS_STUCK = "isoprobe.checks.stuck";
  static final String EXECUTOR_ACTIVE = "isoprobe.executor.active";
  static final String EXECUTOR_QUEUED = "isoprobe.executor.queued";
  static final String EXECUTOR_REJECTED = "isoprobe.executor.rejected";

  private static final Outcome[] OUTCOMES = Outcome.values();

  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<String, Timer[]> durations = new ConcurrentHashMap<>();
  private final Map<String, Counter> timeouts = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, Counter>> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> late = new ConcurrentHashMap<>();

  MicrometerEvents(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  @Override
  public void attached(ProbeEngine engine) {
    // Gauges hold the engine weakly: meters of discarded Probes read NaN instead of pinning them.
    Gauge.builder(CHECKS_STUCK, engine, ProbeEngine::stuckChecks).tags(tags).baseUnit("checks")
        .description("Checks past their deadline and still running").register(registry);
    for (Lane lane : engine.lanes()) {
      Tags laneTags = tags.and("lane", lane.name());
      Gauge.builder(EXECUTOR_ACTIVE, lane, Lane::activeThreads).tags(laneTags).baseUnit("threads")
          .description("Probe threads running a check").register(registry);
      Gauge.builder(EXECUTOR_QUEUED, lane, Lane::queued).tags(laneTags).baseUnit("tasks")
          .description("Check executions waiting for a probe thread").register(registry);
      rejected(lane.name());
    }
    for (CheckRunner runner : engine.select(null, Set.of())) {
      timeouts(runner.name()); // present at zero, so a rate reads 0 rather than no data
    }
  }

  @Override
  public void checkSettled(CheckReport report) {
    Timer[] byOutcome = durations.computeIfAbsent(report.name(), name -> new Timer[OUTCOMES.length]);
    int index = report.outcome().ordinal();
    Timer timer = byOutcome[index];
    if (timer == null) {
      // Racing threads may both register: the registry returns the same timer to both.
      timer = Timer.builder(CHECK_DURATION).tags(tags)
          .tags("check", report.name(), "outcome", report.outcome().label())
          .description("How long a check ran, by the outcome probes saw").register(registry);
      byOutcome[index] = timer;
    }
    timer.record(report.duration());
    if (report.outcome() == Outcome.TIMEOUT) {
      timeouts(report.name()).increment();
    }
  }

  @Override
  public void checkRejected(String check, Lane lane) {
    rejected(lane.name()).increment();
  }

  @Override
  public void probeAnswered(String probe, int status) {
    requests.computeIfAbsent(probe, name -> {
      late(name); // present at zero from the path's first answer, as timeouts are
      return new ConcurrentHashMap<>();
    })
        .computeIfAbsent(status, code -> Counter.builder(PROBE_REQUESTS).tags(tags)
            .tags("probe", probe, "status", Integer.toString(code)).baseUnit("requests")
            .description("Probe requests answered, by probe and HTTP status").register(registry))
        .increment();
  }

  @Override
  public void probeAnsweredLate(String probe) {
    late(probe).increment();
  }

  private Counter late(String probe) {
    return late.computeIfAbsent(probe, name -> Counter.builder(PROBE_LATE).tags(tags)
        .tags("probe", name).baseUnit("requests")
        .description("Probes answered more than a thirty-second of the deadline after it")
        .register(registry));
  }

  private Counter timeouts(String check) {
    return timeouts.computeIfAbsent(check, name -> Counter.builder(CHECK_TIMEOUTS).tags(tags)
        .tags("check", name).baseUnit("executions")
        .description("Check executions that missed their deadline").register(registry));
  }

  private Counter rejected(String lane) {
    return rejected.computeIfAbsent(lane, name -> Counter.builder(EXECUTOR_REJECTED).tags(tags)
        .tags("lane", name).baseUnit("executions")
        .description("Check executions refused because the lane was full").register(registry));
  }
}
