/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Micrometer meters for {@link Probes}: probe requests, check durations by outcome, timeouts,
 * stuck checks and the lanes (see {@code docs/metrics.md}). Micrometer is an
 * optional dependency: only applications that create a {@code ProbeMetrics} need it on the
 * class path. Immutable.
 *
 * <pre>{@code
 * Probes probes = Probes.builder().metrics(ProbeMetrics.of(meterRegistry)).build();
 * }</pre>
 */
public final class ProbeMetrics {

  private final MeterRegistry registry;
  private final Tags tags;

  private ProbeMetrics(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  /**
   * Returns meters registered in {@code registry}.
   *
   * @throws NullPointerException if registry is null
   */
  @SuppressWarnings("exports") // Micrometer is optional: the module does not pass it on
  public static ProbeMetrics of(MeterRegistry registry) {
    return new ProbeMetrics(Objects.requireNonNull(registry, "registry"), Tags.empty());
  }

  /**
   * Returns these metrics with {@code tags} added to every meter, for example to tell two
   * {@link Probes} in one registry apart.
   *
   * @throws NullPointerException if tags is null
   */
  @SuppressWarnings("exports") // as in of(MeterRegistry)
  public ProbeMetrics tags(Iterable<Tag> tags) {
    return new ProbeMetrics(registry, this.tags.and(Objects.requireNonNull(tags, "tags")));
  }

  /** Returns the listener that records the meters; only called when metrics were asked for. */
  ProbeEvents events() {
    return new MicrometerEvents(registry, tags);
  }
}
