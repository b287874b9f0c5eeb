/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import dev.isoprobe.Probes;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The gRPC health service, {@code grpc.health.v1.Health}, answered by isoprobe's checks: the
 * same lanes, single-flight, deadline, thresholds and shutdown as the HTTP probes, and no gRPC
 * thread waits on a check. Add it to a grpc-java server:
 *
 * <pre>{@code
 * Server server = ServerBuilder.forPort(9090).addService(GrpcHealth.of(probes)).build().start();
 * }</pre>
 *
 * <p>Service names: {@code ""}, the server as a whole, is readiness, as the kubelet's
 * {@code grpc:} probe without a service asks it; {@code liveness}, {@code readiness} and
 * {@code startup} name the groups; any other name is a check's (and every check under it:
 * {@code db} is {@code db/primary} and {@code db/replica} together). A name that is none of these
 * is {@code NOT_FOUND} to {@code Check}, and {@code SERVICE_UNKNOWN} to {@code Watch}.
 *
 * <p>{@code Check} answers {@code SERVING} or {@code NOT_SERVING} by the probes' deadline, or
 * just before the caller's gRPC deadline when that comes first ({@code NOT_SERVING} then, while
 * the checks run on to their own deadline on their lanes). While the probes drain, readiness and
 * {@code ""} are {@code NOT_SERVING} and liveness goes on answering; once they stop, every call
 * in flight is answered {@code NOT_SERVING}. Stop the probes (or run their
 * {@code GracefulShutdown}) before the server's {@code shutdown()}.
 *
 * <p>{@code Watch} sends the current status, then each change, in the order they happened: from
 * the status of every check the name covers, as isoprobe tells it on a listener thread of this
 * service's own, whichever protocol's probes or background refresh ran the checks. So that a
 * watcher sees a hang that nothing else probes, each watched target is also probed every
 * {@link #DEFAULT_WATCH_EVERY} (one thread, {@code isoprobe-grpc-watch}, from the first watch
 * until the probes stop); a target nobody watches is not probed for them. A watcher that reads
 * slowly holds at most one status not yet sent: the latest. When the probes stop, each stream is
 * told {@code NOT_SERVING} and ends with {@code UNAVAILABLE}; one opened after that ends with
 * {@code UNAVAILABLE} and no status, so that a client-side health check backs off rather than
 * re-open it in a loop until the server shuts down.
 *
 * <p>{@code List}, which grpc-proto's {@code health.proto} has and grpc-java's {@code HealthGrpc}
 * lacks, is bound too (see {@link #bindService()}; clients call it with {@link HealthList}). It
 * answers every name {@code Check} knows: {@code ""}, the groups and each check by its own name.
 * It runs the checks, as {@code /healthz} does, each once, rather than report the last status
 * seen: a check that hangs is {@code NOT_SERVING} by the deadline, never a stale
 * {@code SERVING}; and it answers, as {@code Check} does, by the probes' deadline or just before
 * the caller's, with {@code NOT_SERVING} for what has not answered then. Draining turns
 * {@code ""} and readiness {@code NOT_SERVING}; once the probes stop, every status is. More than
 * 100 names fail it {@code RESOURCE_EXHAUSTED}, as grpc-go's server does.
 */
public final class GrpcHealth implements BindableService, HealthGrpc.AsyncService {

  /**
   * How often a watched target is probed by default. A client-side health check (grpc-java's,
   * grpc-go's, Envoy's) routes by its {@code Watch} alone: with the default 800 ms deadline, a hang
   * reaches the watchers within 1.3 s, and a recovery within half a second. Each probe joins an
   * execution in flight and is shared by every watcher, so a check costs at most two runs a
   * second for all of them.
   */
  public static final Duration DEFAULT_WATCH_EVERY = Duration.ofMillis(500);

  private final Probes probes;
  private final Watchers watchers;
  private final Listing listing;

  private GrpcHealth(Probes probes, Duration watchEvery) {
    this.probes = probes;
    this.watchers = new Watchers(probes, watchEvery);
    this.listing = new Listing(probes, watchers::falseByCallersDeadline);
  }

  /**
   * Returns the health service of {@code probes}, which probes watched targets every
   * {@link #DEFAULT_WATCH_EVERY}.
   *
   * @throws NullPointerException if probes is null
   */
  public static GrpcHealth of(Probes probes) {
    return of(probes, DEFAULT_WATCH_EVERY);
  }

  /**
   * Returns the health service of {@code probes}, which probes each watched target every
   * {@code watchEvery}: longer for a check that is costly to run, shorter to route traffic away
   * sooner.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if watchEvery is under 10 ms
   */
  public static GrpcHealth of(Probes probes, Duration watchEvery) {
    Objects.requireNonNull(probes, "probes");
    if (Objects.requireNonNull(watchEvery, "watchEvery").compareTo(Watchers.LEAST_WATCH_EVERY) < 0) {
      throw new IllegalArgumentException("watchEvery must be at least "
          + Watchers.LEAST_WATCH_EVERY.toMillis() + " ms: " + watchEvery);
    }
    GrpcHealth health = new GrpcHealth(probes, watchEvery);
    probes.addListener(health.watchers);
    return health;
  }

  @Override
  public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
    Optional<CompletableFuture<Boolean>> answer = probes.probe(Watchers.target(request.getService()));
    if (answer.isEmpty()) {
      responses.onError(Status.NOT_FOUND.withDescription("unknown service").asRuntimeException());
      return;
    }
    watchers.falseByCallersDeadline(answer.get());
    // Answered by the thread that settles the checks, never a gRPC thread waiting for it.
    answer.get().whenComplete((up, failure) -> Watchers.answer(responses,
        Boolean.TRUE.equals(up) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING));
  }

  @Override
  public void watch(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responses) {
    watchers.watch(request.getService(), (ServerCallStreamObserver<HealthCheckResponse>) responses);
  }

  /**
   * Returns {@code grpc.health.v1.Health} with {@code Check} and {@code Watch} as grpc-java's
   * {@code HealthGrpc} binds them, and {@code List} (see {@link HealthList}), which it lacks.
   * (This is why the service implements {@code HealthGrpc.AsyncService} rather than extend
   * {@code HealthImplBase}, whose {@code bindService()} is final.)
   */
  @Override
  public ServerServiceDefinition bindService() {
    ServerServiceDefinition generated = HealthGrpc.bindService(this);
    ServiceDescriptor.Builder service = ServiceDescriptor.newBuilder(HealthGrpc.SERVICE_NAME)
        // Reflection goes on describing Check and Watch; List is called with grpc-proto's file.
        .setSchemaDescriptor(generated.getServiceDescriptor().getSchemaDescriptor());
    generated.getServiceDescriptor().getMethods().forEach(service::addMethod);
    service.addMethod(HealthList.METHOD);
    ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(service.build());
    generated.getMethods().forEach(definition::addMethod);
    return definition.addMethod(HealthList.METHOD,
        ServerCalls.asyncUnaryCall((request, responses) -> listing.list(responses))).build();
  }

  /**
   * Returns how many {@code Watch} streams are open: for this module's tests, which wait for the
   * server to hold a stream before they change what it is told.
   */
  int watching() {
    return watchers.size();
  }
}
