/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Probes a running app on loopback as the kubelet and the load balancer would, for a bounded
 * time, optionally hanging and healing its dependency on the way, and prints the timeline.
 */
final class LiveRun {

  /** How long the POSTs to the hang and heal URLs may take. */
  static final Duration ACTION_TIMEOUT = Duration.ofSeconds(5);
  /** Past the end and the last attempt's timeout: a caller that has not stopped by then is reported. */
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final Options options;
  private final PrintStream out;
  private final Timeline timeline;
  private final AtomicInteger threadIds = new AtomicInteger();

  LiveRun(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.timeline = new Timeline(out, options.quiet());
  }

  /** Runs for the configured duration and returns the summary; prints the timeline as it goes. */
  Summary run() throws InterruptedException {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("probe-sim-ticker"));
    ExecutorService io = Executors.newFixedThreadPool(2, daemon("probe-sim-http"));
    try {
      return run(scheduler, io);
    } finally {
      scheduler.shutdownNow();
      io.shutdownNow();
    }
  }

  private Summary run(ScheduledExecutorService scheduler, ExecutorService io) throws InterruptedException {
    long end = options.duration().toNanos();
    out.println("probe-sim: probing " + options.base() + " for " + Durations.format(options.duration())
        + " (kubelet readiness " + (options.readiness() == null ? "off" : "on") + ", liveness "
        + (options.liveness() == null ? "off" : "on") + ", load balancer callers "
        + (options.lb() == null ? 0 : options.lb().callers()) + ")");
    Kubelet kubelet = new Kubelet(options.readiness(), options.liveness(), timeline);
    LoadBalancer lb = options.lb() == null ? null : new LoadBalancer(options.lb(), timeline);
    Summary.Builder summary = new Summary.Builder(options);
    CountDownLatch done = new CountDownLatch(callerCount());
    Callers callers = new Callers(scheduler, io, end, done);
    if (options.readiness() != null) {
      callers.kubelet("readiness", options.readiness(), kubelet.readinessPolicy(), summary.readiness);
    }
    if (options.liveness() != null) {
      callers.kubelet("liveness", options.liveness(), kubelet.livenessPolicy(), summary.liveness);
    }
    if (lb != null) {
      callers.loadBalancer(options.lb(), lb, summary.lb);
    }
    HttpClient actionClient = client(io, ACTION_TIMEOUT);
    warmUp(actionClient);
    // From here on the schedule runs: everything is timed from this instant.
    timeline.start();
    ThreadSampler sampler = options.threadsPid() == null ? null : new ThreadSampler(options.threadsPid());
    if (sampler != null) {
      scheduler.scheduleAtFixedRate(() -> sampler.sample(timeline), 0, 1, TimeUnit.SECONDS);
    }
    List<CompletableFuture<?>> actions = new ArrayList<>();
    if (options.hangAt() != null) {
      scheduleAction(scheduler, actionClient, "hang", options.hangAt(), options.hangUrl(), summary::hangSent, actions);
    }
    if (options.healAt() != null) {
      scheduleAction(scheduler, actionClient, "heal", options.healAt(), options.healUrl(), summary::healSent, actions);
    }
    callers.start();
    long bound = options.duration().plus(options.longestTimeout()).plus(GRACE).toNanos();
    if (!done.await(bound, TimeUnit.NANOSECONDS)) {
      timeline.add(Timeline.Kind.NOTE, "probe-sim", done.getCount() + " callers had not stopped "
          + Durations.format(GRACE) + " after the end");
    }
    awaitActions(actions);
    if (sampler != null) {
      sampler.sample(timeline);
    }
    return summary.build(timeline, kubelet.restarts(), lb, sampler);
  }

  /**
   * One untimed GET before the clock starts, so that the tool's own first-request costs (class
   * loading, the first connection) do not show up as the app's latency. It goes to the liveness
   * path when there is one: the request the app can always afford.
   */
  private void warmUp(HttpClient client) throws InterruptedException {
    String path = options.liveness() != null ? options.liveness().path()
        : options.readiness() != null ? options.readiness().path() : options.lb().path();
    HttpRequest request = get(path, ACTION_TIMEOUT, "probe-sim-warm-up");
    long start = System.nanoTime();
    String outcome;
    try {
      outcome = String.valueOf(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException e) {
      outcome = e.getClass().getSimpleName();
    }
    out.println("warm-up GET " + path + " (not counted): " + outcome + " in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
  }

  /** The callers of a run and where each one's ticker starts. */
  private final class Callers {
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final long end;
    private final CountDownLatch done;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Long> origins = new ArrayList<>();

    Callers(ScheduledExecutorService scheduler, ExecutorService io, long end, CountDownLatch done) {
      this.scheduler = scheduler;
      this.io = io;
      this.end = end;
      this.done = done;
    }

    /** A kubelet probe; the kubelet's first probe of a new container comes at once. */
    void kubelet(String name, ProbeSettings probe, Caller.Policy policy, Tally tally) {
      HttpRequest request = get(probe.path(), probe.timeout(), "kube-probe/probe-sim");
      add(new Caller(name, client(io, probe.timeout()), request, probe.period().toNanos(), end, policy, tally,
          timeline, scheduler, done::countDown), 0);
    }

    /** Independent LB nodes are not in step: their phases are spread over one interval. */
    void loadBalancer(LbSettings settings, LoadBalancer lb, Tally tally) {
      HttpClient client = client(io, settings.timeout());
      HttpRequest request = get(settings.path(), settings.timeout(), "probe-sim-lb");
      for (int i = 0; i < settings.callers(); i++) {
        String name = "lb-" + (i + 1);
        add(new Caller(name, client, request, settings.interval().toNanos(), end, lb.caller(name), tally, timeline,
            scheduler, done::countDown), settings.interval().toNanos() * i / settings.callers());
      }
    }

    private void add(Caller caller, long origin) {
      callers.add(caller);
      origins.add(origin);
    }

    void start() {
      for (int i = 0; i < callers.size(); i++) {
        callers.get(i).start(origins.get(i));
      }
    }
  }

  private int callerCount() {
    return (options.readiness() == null ? 0 : 1) + (options.liveness() == null ? 0 : 1)
        + (options.lb() == null ? 0 : options.lb().callers());
  }

  /** POSTs {@code url} at {@code at}; the timeline shows when it was sent and how the app answered. */
  private void scheduleAction(ScheduledExecutorService scheduler, HttpClient client, String what, Duration at, URI url,
      LongConsumer sent, List<CompletableFuture<?>> actions) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    actions.add(finished);
    scheduler.schedule(() -> {
      long start = timeline.now();
      sent.accept(start);
      timeline.add(start, Timeline.Kind.ACTION, what, "POST " + url);
      HttpRequest post = HttpRequest.newBuilder(url).timeout(ACTION_TIMEOUT)
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      client.sendAsync(post, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
        Attempt a = Attempt.of(1, start, timeline.now(), response == null ? -1 : response.statusCode(), failure);
        timeline.add(a.end(), Timeline.Kind.ACTION, what, "POST answered " + a.outcome() + " in " + a.latencyMillis() + " ms");
        finished.complete(null);
      });
    }, at.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void awaitActions(List<CompletableFuture<?>> actions) throws InterruptedException {
    try {
      CompletableFuture.allOf(actions.toArray(CompletableFuture[]::new))
          .get(ACTION_TIMEOUT.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      timeline.add(Timeline.Kind.NOTE, "probe-sim", "a hang or heal POST did not finish");
    }
  }

  /** One client per kind of caller: its connect timeout is the caller's timeout, as the kubelet's is. */
  private static HttpClient client(ExecutorService io, Duration timeout) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).executor(io).build();
  }

  private HttpRequest get(String path, Duration timeout, String userAgent) {
    return HttpRequest.newBuilder(Cli.resolve(options.base(), path)).timeout(timeout)
        .header("User-Agent", userAgent).header("Accept", "*/*").GET().build();
  }

  private ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name + "-" + threadIds.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
