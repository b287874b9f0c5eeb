/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * A blocking step a test waits for (a server's stop, a shutdown held by a check) on a thread of
 * its own, not the common pool: on two cores Java 25's common pool has one thread, the one on
 * which its HTTP client completes answers, so a step blocked there starves the very answers the
 * test is waiting for.
 */
public final class OwnThread {

  private OwnThread() {}

  /** A step that returns nothing and may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step} on a new thread named {@code name}; the future completes with its end. */
  public static CompletableFuture<Void> run(String name, Step step) {
    return call(name, () -> {
      step.run();
      return null;
    });
  }

  /** Calls {@code step} on a new thread named {@code name}; the future completes with its result. */
  public static <T> CompletableFuture<T> call(String name, Callable<T> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(step.call());
      } catch (Throwable failure) {
        result.completeExceptionally(failure);
      }
    }, name);
    thread.setDaemon(true); // a step a failed test left held keeps no JVM up
    thread.start();
    return result;
  }
}
