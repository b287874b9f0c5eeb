/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;

/** What one execution of a {@link HealthCheck} knows about its own limits. */
public interface CheckContext {

  /** Returns the time left before this execution is cancelled; zero or negative once it is. */
  Duration remaining();

  /** Returns the token cancelled when this execution runs past its deadline or isoprobe stops. */
  CancellationToken token();
}
