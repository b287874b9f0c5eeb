/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import dev.isoprobe.Probes;
import java.time.Duration;

/**
 * The probes the gRPC stress tests' watchers belong to: one instance for every test state, with
 * no checks, so that a state costs no thread. The streams watch a name that names nothing: the
 * registry of streams is what races, whatever they watch.
 */
final class StressedProbes {

  static final Probes PROBES = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO).build();
  static final String UNKNOWN = "unknown";

  private StressedProbes() {}
}
