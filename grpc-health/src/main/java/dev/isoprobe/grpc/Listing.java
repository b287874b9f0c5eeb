/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import dev.isoprobe.Check;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Answers {@code List}: runs the checks as {@code /healthz} does, and answers by the probes'
 * deadline (or just before the caller's, as {@code Check} does) the status of every service
 * {@code Check} knows by name: each check, each group, and {@code ""}, each as {@code Check}
 * would answer it.
 *
 * <p>Each check is probed once, by its own name, and a group's status is made of its checks'
 * answers, so that one {@code List} runs each check once and its thresholds count one execution,
 * not one per name it is listed under. The exception: when a group holds a check with a check
 * under its name that the group does not hold (readiness holds {@code db}, only startup holds
 * {@code db/replica}), {@code db}'s answer covers {@code db/replica}, so that group is probed as a
 * whole, and may run its checks a second time; so is a group that holds a check named as a group
 * is, whose name {@code Check} and {@code List} take for the group.
 */
final class Listing {

  /** As grpc-go's health server: more services than this fail {@code List} RESOURCE_EXHAUSTED. */
  static final int MAX_SERVICES = 100;

  private static final Set<String> GROUP_NAMES = Arrays.stream(Group.values())
      .map(Listing::name).collect(Collectors.toUnmodifiableSet());

  private final Probes probes;
  /** Completes an answer false just before the caller's deadline, if that comes first. */
  private final Consumer<CompletableFuture<Boolean>> falseByCallersDeadline;

  Listing(Probes probes, Consumer<CompletableFuture<Boolean>> falseByCallersDeadline) {
    this.probes = probes;
    this.falseByCallersDeadline = falseByCallersDeadline;
  }

  void list(StreamObserver<Map<String, ServingStatus>> responses) {
    List<Check> checks = probes.checks();
    List<Check> listed = checks.stream()
        .filter(check -> !GROUP_NAMES.contains(check.name())) // a group's name is the group's
        .toList();
    int services = listed.size() + Group.values().length + 1;
    if (services > MAX_SERVICES) {
      responses.onError(Status.RESOURCE_EXHAUSTED.withDescription(
          "too many services to list: " + services + " (at most " + MAX_SERVICES + ")")
          .asRuntimeException());
      return;
    }
    Map<String, CompletableFuture<Boolean>> byCheck = new LinkedHashMap<>();
    for (Check check : listed) {
      probes.probe(check.name()).ifPresent(answer -> byCheck.put(check.name(), answer));
    }
    Map<Group, List<CompletableFuture<Boolean>>> byGroup = new LinkedHashMap<>();
    for (Group group : Group.values()) {
      byGroup.put(group, members(group, checks, byCheck));
    }
    List<CompletableFuture<Boolean>> all = new ArrayList<>(byCheck.values());
    byGroup.values().forEach(all::addAll);
    answerByCallersDeadline(all);
    CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new)).whenComplete(
        (done, failure) -> answer(responses, statuses(byCheck, byGroup)));
  }

  /**
   * Returns the answers whose conjunction is {@code group}'s status: those of its checks, or a
   * probe of the group itself when a check's answer is not its own alone: its name covers a check
   * not in the group, or is a group's.
   */
  private List<CompletableFuture<Boolean>> members(Group group, List<Check> checks,
      Map<String, CompletableFuture<Boolean>> byCheck) {
    List<CompletableFuture<Boolean>> members = new ArrayList<>();
    for (Check check : checks) {
      if (check.groups().contains(group)) {
        CompletableFuture<Boolean> answer = byCheck.get(check.name());
        if (answer == null || coversOneOutside(check, group, checks)) {
          return List.of(probes.probe(name(group)).orElseThrow());
        }
        members.add(answer);
      }
    }
    return members;
  }

  private static boolean coversOneOutside(Check check, Group group, List<Check> checks) {
    String above = check.name() + "/";
    return checks.stream().anyMatch(
        other -> other.name().startsWith(above) && !other.groups().contains(group));
  }

  /**
   * Answers everything still running NOT_SERVING just before the caller's deadline, if that
   * comes before the probes', as {@code Check} does, rather than let the call time out.
   */
  private void answerByCallersDeadline(List<CompletableFuture<Boolean>> answers) {
    CompletableFuture<Boolean> cutOff = new CompletableFuture<>();
    cutOff.thenRun(() -> answers.forEach(answer -> answer.complete(false)));
    falseByCallersDeadline.accept(cutOff);
  }

  /** The statuses, once every answer is in: the server, the groups, then each check. */
  private Map<String, ServingStatus> statuses(Map<String, CompletableFuture<Boolean>> byCheck,
      Map<Group, List<CompletableFuture<Boolean>>> byGroup) {
    Map<String, ServingStatus> statuses = new LinkedHashMap<>();
    statuses.put("", status(byGroup.get(Group.READINESS), Group.READINESS));
    byGroup.forEach((group, members) -> statuses.put(name(group), status(members, group)));
    byCheck.forEach((check, answer) -> statuses.put(check, status(List.of(answer), null)));
    return statuses;
  }

  /**
   * Returns SERVING if every answer is up and the probes admit {@code group} (null: a check's
   * name) now; read once the answers are in, so that draining turns readiness down at once.
   */
  private ServingStatus status(List<CompletableFuture<Boolean>> answers, Group group) {
    boolean up = !refused(group) && answers.stream().allMatch(
        answer -> !answer.isCompletedExceptionally() && Boolean.TRUE.equals(answer.getNow(false)));
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  /**
   * Whether {@link Probes#probe(String)} refuses {@code group} now (null: a check's name):
   * everything once the probes stop, readiness while they drain, startup while they start.
   */
  private boolean refused(Group group) {
    Probes.State state = probes.state();
    return state.compareTo(Probes.State.STOPPING) >= 0
        || group == Group.READINESS && state == Probes.State.DRAINING
        || group == Group.STARTUP && state == Probes.State.STARTING;
  }

  private static String name(Group group) {
    return group.name().toLowerCase(Locale.ROOT);
  }

  /** Answers once; a call its client cancelled meanwhile is left as it is. */
  private static void answer(StreamObserver<Map<String, ServingStatus>> responses,
      Map<String, ServingStatus> statuses) {
    try {
      responses.onNext(statuses);
      responses.onCompleted();
    } catch (RuntimeException cancelled) {
      // The client went away, or the server stopped the call: nobody to tell.
    }
  }
}
