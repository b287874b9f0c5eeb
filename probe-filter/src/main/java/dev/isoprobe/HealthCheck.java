/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * A check of one thing the application depends on, or of the process itself.
 *
 * <p>A check runs on isoprobe's own threads (its lanes), never on a container thread, and at most one
 * execution of it runs at a time. It should return by {@link CheckContext#remaining()}
 * and stop early when {@link CheckContext#token()} is cancelled; a check that does neither is
 * interrupted at its deadline and reported {@code timeout}, then {@code stuck}
 * until it returns. A check may throw: that is reported as {@code error}, and the
 * exception's message never reaches a response.
 */
@FunctionalInterface
public interface HealthCheck {

  /**
   * Runs the check once.
   *
   * @param context the deadline and cancellation token of this execution, never null
   * @return whether the checked thing is up, never null
   * @throws Exception if the check fails; reported as {@code error}
   */
  CheckResult check(CheckContext context) throws Exception;
}
