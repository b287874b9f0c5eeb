/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks named as Actuator names the members of a composite contributor ({@code db/primary}):
 * one path segment more under the probe, and the composite's own name selects every member.
 */
class CheckPathNamesTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(Probes.builder()
        .check(Check.builder("db/primary", ctx -> CheckResult.up()).build())
        .check(Check.builder("db/replica", ctx -> CheckResult.down()).build())
        .check(Check.builder("dbx", ctx -> CheckResult.up()).build())
        .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aMemberIsAnsweredOnItsOwnPath() throws Exception {
    assertThat(server.get("/readyz/db/primary").statusCode()).isEqualTo(200);
    assertThat(TestChecks.withoutTimes(server.get("/readyz/db/replica?verbose").body()))
        .isEqualTo("[-]db/replica failed: down\nreadyz check failed");
  }

  @Test
  void theCompositeNameRunsEveryMemberAndNoCheckThatOnlySharesItsLetters() throws Exception {
    var response = server.get("/readyz/db?verbose");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(TestChecks.withoutTimes(response.body()))
        .isEqualTo("[+]db/primary ok\n[-]db/replica failed: down\nreadyz check failed");
  }

  @Test
  void excludeTakesAMemberOrTheWholeComposite() throws Exception {
    assertThat(TestChecks.withoutTimes(server.get("/readyz?exclude=db/replica&verbose").body()))
        .isEqualTo("[+]db/primary ok\n[+]dbx ok\nreadyz check passed");
    assertThat(TestChecks.withoutTimes(server.get("/readyz?exclude=db&verbose").body()))
        .isEqualTo("[+]dbx ok\nreadyz check passed");
  }

  @Test
  void aCheckNamedAsTheCompositeIsRunWithItsMembers() throws Exception {
    try (TestServer both = TestServer.start(Probes.builder()
        .check(Check.builder("queue", ctx -> CheckResult.up()).build())
        .check(Check.builder("queue/orders", ctx -> CheckResult.down()).build())
        .build())) {
      assertThat(TestChecks.withoutTimes(both.get("/readyz/queue?verbose").body()))
          .isEqualTo("[+]queue ok\n[-]queue/orders failed: down\nreadyz check failed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/readyz/d", "/readyz/db/", "/readyz/db/primary/x", "/livez/db"})
  void namesAboveNoCheckAre404(String path) throws Exception {
    assertThat(server.get(path).statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/db", "db/", "db//primary", "db/.x", "db/-x", "db/pri mary"})
  void malformedPathNamesAreRefusedNamingTheForm(String name) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Check.builder(name, ctx -> CheckResult.up()))
        .withMessageContaining("segments joined by '/'");
  }

  @Test
  void aNameIsAtMost128Characters() {
    String longest = "a".repeat(60) + "/" + "b".repeat(67);
    assertThat(Check.builder(longest, ctx -> CheckResult.up()).build().name()).hasSize(128);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Check.builder(longest + "c", ctx -> CheckResult.up()));
  }
}
