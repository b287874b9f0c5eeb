/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * gRPC health for grpc-java servers: {@link dev.isoprobe.grpc.GrpcHealth} serves
 * {@code grpc.health.v1.Health} ({@code Check}, {@code Watch} and {@code List}) from the same
 * checks, lanes, deadline and shutdown as isoprobe's HTTP probes;
 * {@link dev.isoprobe.grpc.HealthList} calls {@code List}, which grpc-java's own stubs lack.
 */
package dev.isoprobe.grpc;
