/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * gRPC health for grpc-java servers, from isoprobe's probes. The gRPC modules are required
 * transitively: {@code GrpcHealth} implements the generated {@code HealthGrpc.AsyncService} and
 * names its messages and {@code StreamObserver}; {@code HealthList} names protobuf's
 * {@code Empty} and grpc-java's {@code MethodDescriptor}.
 */
module dev.isoprobe.grpc {
  exports dev.isoprobe.grpc;

  requires transitive dev.isoprobe;
  requires transitive io.grpc;
  requires transitive io.grpc.services;
  requires transitive io.grpc.stub;
  requires transitive com.google.protobuf;
}
