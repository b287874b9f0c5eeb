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
 *   <li>An {@code Execution} owns its deadline and cancellation token; its check's
 *       {@code DeadlineAlarm} rings on the {@code DeadlineTimer} at the deadline less the
 *       {@code AnswerReserve}, and times it out: cancels its token and interrupts its check,
 *       which keeps its slot until it returns.
 *   <li>Each check's {@code CheckStatus} counts the outcomes by its thresholds and tells the
 *       listeners. An execution's report reaches its probes {@code Settled}: with where their
 *       answers are written, by the thread that settled it, or handed to the answer lane
 *       ({@code AnswerWriter}) so that no deadline waits behind writes. {@code ProbeEngine}
 *       gathers a probe's reports; its {@code Exchange} renders them in the {@code Format} that
 *       {@code Accept} chose (redacted by {@code Redactor}) and writes the answer.
 *   <li>{@link dev.isoprobe.Probes.State} turns readiness to 503 {@code draining}, then every
 *       probe to {@code shutting down}, when {@link dev.isoprobe.Probes#startDraining()} and
 *       {@link dev.isoprobe.Probes#shutdown(java.time.Duration)} are called.
 * </ol>
 *
 * <h2>Glossary</h2>
 *
 * One word per concept, in code, Javadoc, logs and the docs:
 *
 * <dl>
 *   <dt>probe
 *   <dd>One request for health (HTTP, or a gRPC call), from its arrival until its answer is
 *       written; it is <em>in flight</em> meanwhile. Its route's name ({@code readyz}) is
 *       {@code ProbeReport.probe()}. {@link dev.isoprobe.Probes} is all of an application's.
 *   <dt>check, execution
 *   <dd>A check is one thing probed; an execution is one run of it, shared by every probe that
 *       joins it (single-flight). Its {@code Execution.State} is the one record of where it is.
 *   <dt>deadline, timed out
 *   <dd>The time by which an execution must be decided: the probe deadline, or the check's own
 *       timeout, less the answer reserve. An execution whose deadline passes <em>times out</em>
 *       ({@code Outcome.TIMEOUT}, {@code Execution.timeOut()}, {@code ProbeEvents.checkTimedOut});
 *       its {@code DeadlineAlarm} rings for it. Not "expired", "overran" or "overdue".
 *   <dt>stuck
 *   <dd>Timed out, interrupted, and still not returned after the unwind grace.
 *   <dt>lane
 *   <dd>A named, bounded pool of daemon threads: {@code check}, {@code liveness}, {@code cancel}
 *       (token callbacks), {@code answer} (answer writing) and {@code listener}. Not "executor".
 *   <dt>status
 *   <dd>What probes answer for a check or a group, up or down; internally a {@code Standing},
 *       the status with the counts of its thresholds, kept by the check's {@code CheckStatus}.
 *   <dt>hand-off
 *   <dd>What the thread that settled a report does with the answers it made ready when it must
 *       not write them itself (the deadline timer; a check thread that many probes joined): it
 *       gives them to the answer lane, which writes the earliest-arrived probe's first
 *       ({@code Settled}, {@code AnswerWriter}). Any other thread that has the report writes its
 *       probe's answer there and then.
 *   <dt>backstop
 *   <dd>The in-flight watchdog's last answer, {@code InFlight.BACKSTOP} past the deadline, for
 *       a probe whose deadline timer was held up.
 * </dl>
 *
 * <p>Published names keep older words, as users' dashboards, recordings and scripts name them:
 * the properties {@code isoprobe.executor.*} and the builder's {@code executorThreads} (the check
 * lane), the meters {@code isoprobe.executor.*}, the Flight Recorder event
 * {@code dev.isoprobe.CheckOverran} (an execution timed out), the log lines (such as "missed its
 * deadline" and "the 'check' probe lane is full") and the logger categories
 * {@code dev.isoprobe.checks} and {@code dev.isoprobe.listeners} (and the classes' own).
 */
package dev.isoprobe;
