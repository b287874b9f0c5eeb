/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * Whether probe bodies show each check's own details and a redacted one-line error summary.
 * Without details a body carries names, outcomes and durations only. Secrets are masked and
 * stack traces never shown, whatever the choice.
 */
public enum ShowDetails {
  /** Never show details; the default. */
  NEVER,
  /** Show details to every caller. */
  ALWAYS,
  /** Show details to callers the {@link DetailsAuthorizer} accepts. */
  WHEN_AUTHORIZED
}
