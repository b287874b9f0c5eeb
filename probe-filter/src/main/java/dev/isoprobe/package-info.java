/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Health probes answered in isolation from the application's own requests. The public API is
 * {@link dev.isoprobe.Probes} (built in code or from {@code isoprobe.*} properties by
 * {@link dev.isoprobe.ProbesConfig}), {@link dev.isoprobe.Check} and
 * {@link dev.isoprobe.HealthCheck}; everything else is package-private.
 *
 * <p>The path of one probe request:
 *
 * <ol>
 *   <li>{@code ProbeFilter} compares the container's routed path with the probe paths
 *       ({@code Routes}); any other request goes down the chain after that one comparison.
 *   <li>It starts async, wraps the request in an {@code Exchange} (answered exactly once) and
 *       counts it in {@code InFlight}, the probes waiting for their answer, which shutdown and a
 *       watchdog answer from; the container thread returns.
 *   <li>{@code ProbeEngine} selects the probe's checks; each {@code CheckRunner} lets the probe
 *       join its running {@code Execution} (single-flight) or starts one on its {@code Lane}:
 *       liveness checks on their own lane, the others on a bounded one that rejects when full.
 *   <li>An {@code Execution} owns its deadline and cancellation token; {@code DeadlineTimer} settles
 *       it at the deadline less the {@code AnswerReserve}, cancelling and interrupting a check
 *       that overran, which keeps its slot until it returns.
 *   <li>The settled reports are rendered in the {@code Format} that {@code Accept} chose
 *       (redacted by {@code Redactor}) and written by the thread that settled them, or handed
 *       to the answer lane ({@code AnswerHandoff}) so that no deadline waits behind writes.
 *   <li>{@link dev.isoprobe.Probes.State} turns readiness to 503 {@code draining}, then every
 *       probe to {@code shutting down}, when {@link dev.isoprobe.Probes#startDraining()} and
 *       {@link dev.isoprobe.Probes#shutdown(java.time.Duration)} are called.
 * </ol>
 *
 * <p>Words: a probe is <em>in flight</em> from the filter until its answer is written; a check's
 * <em>execution</em> runs on a lane, one at a time, shared by the probes that join it. A
 * {@code Lane} is a named, bounded pool of daemon threads: {@code check}, {@code liveness},
 * {@code cancel} (token callbacks) and {@code answer} (answer writing).
 */
package dev.isoprobe;
