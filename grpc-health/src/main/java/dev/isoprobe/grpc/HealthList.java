/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import com.google.protobuf.Empty;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@code grpc.health.v1.Health/List}, which grpc-java's {@code HealthGrpc}
 * (up to 1.85 at least) lacks: the statuses of every service a health server knows, in one call.
 * {@link GrpcHealth} answers it; so does grpc-go's health server, and any client generated from
 * grpc-proto's current {@code grpc/health/v1/health.proto} can call {@link GrpcHealth}'s.
 *
 * <pre>{@code
 * Map<String, ServingStatus> statuses = HealthList.list(channel, Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>Thread-safe: it holds no state.
 */
public final class HealthList {

  /**
   * The method {@code grpc.health.v1.Health/List}, unary, for calls through grpc-java's
   * {@code ClientCalls} with options of one's own. The request is {@code HealthListRequest},
   * which has no fields: {@link Empty} is its wire form. The response is
   * {@code HealthListResponse}'s map, {@code statuses}, as each service's status, in the order
   * the server sent them; unmodifiable.
   */
  public static final MethodDescriptor<Empty, Map<String, ServingStatus>> METHOD =
      MethodDescriptor.<Empty, Map<String, ServingStatus>>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(HealthGrpc.SERVICE_NAME, "List"))
          .setRequestMarshaller(ListMessages.REQUEST)
          .setResponseMarshaller(ListMessages.RESPONSE)
          .setSampledToLocalTracing(true)
          .build();

  private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

  private HealthList() {
  }

  /**
   * Calls {@code List} on {@code channel}, waiting up to {@code timeout} (the call's deadline),
   * and returns each service's status; unmodifiable. Servers that do not implement it (grpc-java's
   * own {@code HealthStatusManager}) fail it {@code UNIMPLEMENTED}.
   *
   * @throws io.grpc.StatusRuntimeException if the call fails, with its status
   * @throws NullPointerException if channel or timeout is null
   * @throws IllegalArgumentException if {@code timeout <= 0}
   */
  public static Map<String, ServingStatus> list(Channel channel, Duration timeout) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    // Past Long.MAX_VALUE nanoseconds (292 years) is as good as no deadline.
    long nanos = timeout.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    return ClientCalls.blockingUnaryCall(channel, METHOD,
        CallOptions.DEFAULT.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS),
        Empty.getDefaultInstance());
  }
}
