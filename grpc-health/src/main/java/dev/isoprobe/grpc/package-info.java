/**
 * gRPC health for grpc-java servers: {@link dev.isoprobe.grpc.GrpcHealth} serves
 * {@code grpc.health.v1.Health} ({@code Check} and {@code Watch}) from the same checks, lanes,
 * deadline and shutdown as isoprobe's HTTP probes.
 */
package dev.isoprobe.grpc;
