/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

/** A bad command line; the message names the option, its value and what was expected. */
final class UsageException extends Exception {

  UsageException(String message) {
    super(message, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
  }
}
