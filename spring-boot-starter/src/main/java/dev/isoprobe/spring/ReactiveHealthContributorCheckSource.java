/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * One readiness check per indicator in Spring Boot's {@code ReactiveHealthContributorRegistry},
 * which Boot fills whenever Reactor is on the classpath, servlet applications included: Lettuce
 * brings it, and Redis (like Mongo, Cassandra, Couchbase and Elasticsearch) then contributes
 * reactively. Named as {@link HealthContributorCheckSource} names blocking ones.
 *
 * <p>The check subscribes on isoprobe's check thread and waits there for the first signal, so it
 * has the deadline, single-flight and lanes of any other check and no container or Reactor thread
 * ever waits on it. Cancelling the execution, or its end however it ends, disposes the
 * subscription, which gives the client its chance to drop the pending command.
 */
final class ReactiveHealthContributorCheckSource implements CheckSource {

  private final ReactiveHealthContributors registry;

  ReactiveHealthContributorCheckSource(ReactiveHealthContributors registry) {
    this.registry = registry;
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    registry.stream().forEach(entry -> add(checks, entry.name(), entry.contributor()));
    return checks;
  }

  private static void add(List<Check> checks, String name, ReactiveHealthContributor contributor) {
    if (contributor instanceof ReactiveHealthContributors composite) {
      composite.stream().forEach(member ->
          add(checks, name + "/" + member.name(), member.contributor()));
    } else if (contributor instanceof ReactiveHealthIndicator indicator) {
      checks.add(BootHealth.check(name,
          context -> await(indicator.health(/* includeDetails= */ true), context)));
    }
  }

  /** Waits for {@code health} on the calling check thread, disposing it when cancelled. */
  static CheckResult await(Mono<Health> health, CheckContext context) throws Exception {
    CompletableFuture<Health> first = health.toFuture();
    // Cancelling the future cancels the subscription; it does not block.
    context.token().onCancel(() -> first.cancel(true));
    try {
      return BootHealth.result(first.get());
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof Exception cause ? cause : failed;
    } finally {
      first.cancel(true);
    }
  }
}
