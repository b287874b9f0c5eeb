/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/**
 * The health listener of the model tests: writes down each status it is told, per check and per
 * group, and the threads it was told on, to hold the listener's invariants against.
 */
final class ModelListener implements HealthListener {

  private final Map<String, List<Boolean>> checks = new ConcurrentHashMap<>();
  private final Map<String, List<Boolean>> groups = new ConcurrentHashMap<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @Override
  public void checkChanged(StatusChange change) {
    heard(checks, change);
  }

  @Override
  public void groupChanged(StatusChange change) {
    heard(groups, change);
  }

  private void heard(Map<String, List<Boolean>> statuses, StatusChange change) {
    threads.add(Thread.currentThread().getName().replaceAll("\\d+$", "<n>"));
    statuses.computeIfAbsent(change.name(), name -> new CopyOnWriteArrayList<>()).add(change.up());
  }

  /**
   * Holds that each check and group was told once per change, so its statuses alternate, and
   * that the last it was told is the status it has now, once the listener thread has caught up.
   */
  void assertFollows(Probes probes, String replay) {
    List<CheckRunner> runners = probes.engine().select(null, Set.of());
    Awaitility.await(replay + ": the listener told each check's status").atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
          for (CheckRunner runner : runners) {
            Boolean up = runner.up();
            if (up != null) {
              assertThat(last(checks, runner.name())).as("%s: %s told", replay, runner.name())
                  .isEqualTo(up);
            }
          }
          for (Group group : Group.values()) {
            Boolean up = groupUp(probes, group);
            if (up != null) {
              assertThat(last(groups, group.name().toLowerCase())).as("%s: %s told", replay, group)
                  .isEqualTo(up);
            }
          }
        });
    for (Map<String, List<Boolean>> statuses : List.of(checks, groups)) {
      statuses.forEach((name, told) -> {
        List<Boolean> changes = new ArrayList<>(told);
        for (int i = 1; i < changes.size(); i++) {
          assertThat(changes.get(i)).as("%s: %s told %s: each a change", replay, name, changes)
              .isNotEqualTo(changes.get(i - 1));
        }
      });
    }
    assertThat(threads).as(replay + ": told on").containsOnly("isoprobe-listener-<n>");
  }

  private static Boolean last(Map<String, List<Boolean>> statuses, String name) {
    List<Boolean> told = statuses.get(name);
    return told == null || told.isEmpty() ? null : told.get(told.size() - 1);
  }

  /** A group is up while each of its checks is; unknown until each has a status. */
  private static Boolean groupUp(Probes probes, Group group) {
    boolean up = true;
    for (CheckRunner member : probes.engine().select(group, Set.of())) {
      Boolean memberUp = member.up();
      if (memberUp == null) {
        return null;
      }
      up &= memberUp;
    }
    return probes.engine().select(group, Set.of()).isEmpty() ? null : up;
  }
}
