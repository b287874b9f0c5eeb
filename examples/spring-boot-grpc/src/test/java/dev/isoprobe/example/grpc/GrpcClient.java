/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/** A real grpc-java client of the application's gRPC server, on loopback. */
final class GrpcClient implements AutoCloseable {

  static final String HEALTH = HealthGrpc.SERVICE_NAME;

  private final ManagedChannel channel;

  GrpcClient(int port) {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Sends {@code Check(service)} with a caller deadline; the status, or the call's failure. */
  CompletableFuture<ServingStatus> check(String service, long deadlineMillis) {
    CompletableFuture<ServingStatus> answer = new CompletableFuture<>();
    HealthGrpc.newStub(channel).withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build(),
            new StreamObserver<>() {
              @Override
              public void onNext(HealthCheckResponse response) {
                answer.complete(response.getStatus());
              }

              @Override
              public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
              }

              @Override
              public void onCompleted() {
                answer.complete(null);
              }
            });
    return answer;
  }

  /** Opens {@code Watch(service)}: every status it sends, and how the stream ended. */
  Watch watch(String service) {
    Watch watch = new Watch();
    HealthGrpc.newStub(channel)
        .watch(HealthCheckRequest.newBuilder().setService(service).build(), watch);
    return watch;
  }

  /** The gRPC code a failed call ended with. */
  static Status.Code code(Throwable failure) {
    return Status.fromThrowable(failure).getCode();
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  /** What a Watch stream has sent, and its end: null while it is open. */
  static final class Watch implements StreamObserver<HealthCheckResponse> {
    final List<ServingStatus> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CompletableFuture<Status> ended = new CompletableFuture<>();

    @Override
    public void onNext(HealthCheckResponse response) {
      statuses.add(response.getStatus());
    }

    @Override
    public void onError(Throwable failure) {
      ended.complete(Status.fromThrowable(failure));
    }

    @Override
    public void onCompleted() {
      ended.complete(Status.OK);
    }
  }

  /** Keeps the gRPC server Spring gRPC started, for its port and the services it serves. */
  static final class ServerStarted implements ApplicationListener<GrpcServerStartedEvent> {
    private volatile Server server;

    @Override
    public void onApplicationEvent(GrpcServerStartedEvent event) {
      server = event.getServer();
    }

    Server server() {
      return server;
    }

    int port() {
      return server.getPort();
    }

    /** The names of the services the server serves, one per service. */
    List<String> services() {
      List<String> names = new ArrayList<>();
      for (ServerServiceDefinition service : server.getServices()) {
        names.add(service.getServiceDescriptor().getName());
      }
      return names;
    }
  }
}
