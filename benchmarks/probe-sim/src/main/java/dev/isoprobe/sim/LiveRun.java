package dev.isoprobe.sim;

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
    List<Caller> callers = new ArrayList<>();
    List<Long> origins = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(callerCount());
    if (options.readiness() != null) {
      ProbeSettings r = options.readiness();
      callers.add(new Caller("readiness", client(io, r.timeout()), get(r.path(), r.timeout(), "kube-probe/probe-sim"),
          r.period().toNanos(), end, kubelet.readinessPolicy(), summary.readiness, timeline, scheduler, done::countDown));
      origins.add(0L);
    }
    if (options.liveness() != null) {
      ProbeSettings l = options.liveness();
      callers.add(new Caller("liveness", client(io, l.timeout()), get(l.path(), l.timeout(), "kube-probe/probe-sim"),
          l.period().toNanos(), end, kubelet.livenessPolicy(), summary.liveness, timeline, scheduler, done::countDown));
      origins.add(0L);
    }
    if (lb != null) {
      LbSettings s = options.lb();
      HttpClient client = client(io, s.timeout());
      HttpRequest request = get(s.path(), s.timeout(), "probe-sim-lb");
      for (int i = 0; i < s.callers(); i++) {
        String name = "lb-" + (i + 1);
        callers.add(new Caller(name, client, request, s.interval().toNanos(), end, lb.caller(name), summary.lb,
            timeline, scheduler, done::countDown));
        // Independent LB nodes are not in step: spread their phases over one interval.
        origins.add(s.interval().toNanos() * i / s.callers());
      }
    }
    ThreadSampler sampler = options.threadsPid() == null ? null : new ThreadSampler(options.threadsPid());
    if (sampler != null) {
      scheduler.scheduleAtFixedRate(() -> sampler.sample(timeline), 0, 1, TimeUnit.SECONDS);
    }
    List<CompletableFuture<?>> actions = new ArrayList<>();
    HttpClient actionClient = client(io, ACTION_TIMEOUT);
    if (options.hangAt() != null) {
      scheduleAction(scheduler, actionClient, "hang", options.hangAt(), options.hangUrl(), summary::hangSent, actions);
    }
    if (options.healAt() != null) {
      scheduleAction(scheduler, actionClient, "heal", options.healAt(), options.healUrl(), summary::healSent, actions);
    }
    for (int i = 0; i < callers.size(); i++) {
      callers.get(i).start(origins.get(i));
    }
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
