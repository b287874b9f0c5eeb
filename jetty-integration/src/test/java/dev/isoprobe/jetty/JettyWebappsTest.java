/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.OwnThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.Test;

/** {@link JettyWebapps}' hook with several applications, one of which misbehaves. */
class JettyWebappsTest {

  @Test
  void anApplicationWhoseShutdownThrowsKeepsNoOtherFromDraining() throws Exception {
    AtomicBoolean otherStopping = new AtomicBoolean();
    CompletableFuture<Void> otherDone = new CompletableFuture<>();
    Supplier<CompletableFuture<Void>> failing = () -> {
      throw new IllegalStateException("broken");
    };
    Supplier<CompletableFuture<Void>> other = () -> {
      otherStopping.set(true);
      return otherDone;
    };
    Server server = new Server();
    ServletContextHandler first = new ServletContextHandler("/first");
    first.setAttribute(JettyWebapps.SHUTDOWN_ATTRIBUTE, failing);
    ServletContextHandler second = new ServletContextHandler("/second");
    second.setAttribute(JettyWebapps.SHUTDOWN_ATTRIBUTE, other);
    server.setHandler(new ContextHandlerCollection(first, second));
    JettyWebapps.drainOnStop(server);
    server.start();

    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> server.stop());

    await().untilTrue(otherStopping);
    assertThat(stopped).as("the stop waits for the other application's shutdown").isNotDone();
    otherDone.complete(null);
    stopped.join();
    assertThat(server.isStopped()).isTrue();
  }
}
