/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One prober on the kubelet's schedule (see {@link Windows}): it probes at its origin, then at
 * each tick of a ticker with the given period; a tick that falls during an attempt starts the
 * next attempt as soon as that one ends, later ticks are dropped. It stops at {@code end}.
 * Not thread-safe by itself, but only one of its attempts is ever in flight.
 */
final class Caller {

  /** What the caller does with its attempts: the kubelet's or the load balancer's state. */
  interface Policy {

    /** A token to hand back with the attempt started now, or -1 to skip this tick (initial delay). */
    long begin(long now);

    /** Records an attempt begun with {@code token}. */
    void record(Attempt attempt, long token);
  }

  private final String name;
  private final HttpClient client;
  private final HttpRequest request;
  private final long period;
  private final long end;
  private final Policy policy;
  private final Tally tally;
  private final Timeline timeline;
  private final ScheduledExecutorService scheduler;
  private final Runnable onDone;
  private long origin;
  private int seq;

  Caller(String name, HttpClient client, HttpRequest request, long periodNanos, long endNanos, Policy policy,
      Tally tally, Timeline timeline, ScheduledExecutorService scheduler, Runnable onDone) {
    this.name = name;
    this.client = client;
    this.request = request;
    this.period = periodNanos;
    this.end = endNanos;
    this.policy = policy;
    this.tally = tally;
    this.timeline = timeline;
    this.scheduler = scheduler;
    this.onDone = onDone;
  }

  /** Starts probing at {@code originNanos} (run time), the anchor of the ticker. */
  void start(long originNanos) {
    origin = originNanos;
    at(originNanos);
  }

  private void at(long when) {
    scheduler.schedule(this::tick, Math.max(0, when - timeline.now()), TimeUnit.NANOSECONDS);
  }

  private void tick() {
    long now = timeline.now();
    if (now >= end) {
      onDone.run();
      return;
    }
    long token = policy.begin(now);
    if (token < 0) {
      at(nextTickAfter(now));
      return;
    }
    int n = ++seq;
    tally.sent.increment();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, failure) -> finish(n, now, token, response, failure));
  }

  private void finish(int n, long start, long token, HttpResponse<Void> response, Throwable failure) {
    long now = timeline.now();
    Attempt attempt = Attempt.of(n, start, now, response == null ? -1 : response.statusCode(), failure);
    tally.record(attempt);
    timeline.add(now, Timeline.Kind.PROBE, name, attempt.toString());
    policy.record(attempt, token);
    // The Go ticker kept the first tick that fell during the attempt: if there was one, go at once.
    long next = nextTickAfter(start);
    if (next <= now) {
      scheduler.execute(this::tick);
    } else {
      at(next);
    }
  }

  private long nextTickAfter(long t) {
    return origin + ((t - origin) / period + 1) * period;
  }
}
