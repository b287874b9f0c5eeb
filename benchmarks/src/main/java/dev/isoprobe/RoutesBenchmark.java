/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the filter costs a request that is not a probe: one {@link Routes#match} over the four
 * probe paths, on the servlet path and path info the container routed. Lives in {@code dev.isoprobe} to reach the package-private {@link Routes}.
 *
 * <p>Run: {@code java -cp benchmarks/target/isoprobe-benchmarks.jar org.openjdk.jmh.Main RoutesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoutesBenchmark {

  private final Routes routes = new ProbePaths("/livez", "/readyz", "/startupz", "/healthz").routes();
  // Fields, not constants, so the JIT cannot fold the match away.
  private String business = "/api/orders/42";
  private String servletPrefix = "/api";
  private String pathInfo = "/orders/42";
  private String nearMiss = "/readyzz";
  private String probe = "/readyz";

  /** A typical application request: differs from every probe path at its second character. */
  @Benchmark
  public Routes.Match nonProbe() {
    return routes.match(business, null);
  }

  /** The same request to a servlet mapped to {@code /api/*}: the path comes in two parts. */
  @Benchmark
  public Routes.Match nonProbeUnderAServletPrefix() {
    return routes.match(servletPrefix, pathInfo);
  }

  /** The worst non-probe request: shares a probe path's whole prefix. */
  @Benchmark
  public Routes.Match nonProbeSharingAPrefix() {
    return routes.match(nearMiss, null);
  }

  /** A probe, for comparison: the match allocates its result. */
  @Benchmark
  public Routes.Match probe() {
    return routes.match(probe, null);
  }
}
