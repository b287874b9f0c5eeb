/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Watch} stream as the service sees it, without a network: what it was sent, how it
 * ended, and its cancel handler, which a stress actor runs as gRPC would when the client cancels.
 */
final class StressedStream extends ServerCallStreamObserver<HealthCheckResponse> {

  final List<ServingStatus> sent = new ArrayList<>();
  Status ended;
  int endings;
  private Runnable onCancel;

  /** Runs what the service asked to be run when the client cancels. */
  void cancel() {
    onCancel.run();
  }

  @Override
  public synchronized void onNext(HealthCheckResponse response) {
    sent.add(response.getStatus());
  }

  @Override
  public synchronized void onError(Throwable failure) {
    ended = Status.fromThrowable(failure);
    endings++;
  }

  @Override
  public synchronized void onCompleted() {
    ended = Status.OK;
    endings++;
  }

  @Override
  public void setOnCancelHandler(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setOnReadyHandler(Runnable onReady) {}

  @Override
  public void setCompression(String compression) {}

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}

  @Override
  public void disableAutoInboundFlowControl() {}
}
