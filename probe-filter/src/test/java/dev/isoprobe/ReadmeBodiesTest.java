/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's text bodies, as a real server answers them: a failing {@code /readyz} lists every
 * readiness check, the passing ones too, not the failing ones alone.
 */
class ReadmeBodiesTest {

  private static final String SOURCE = "probe-filter/src/test/java/dev/isoprobe/ReadmeBodiesTest.java";

  private final AtomicReference<CheckResult> db = new AtomicReference<>(CheckResult.down());
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFailingReadinessBodyIsTheReadmesBlock() throws Exception {
    List<String> block = ReadmeBlocks.marked(ReadmeBlocks.README, SOURCE, "text");
    server = TestServer.start(Probes.builder()
        .check(Check.builder("cache", ctx -> CheckResult.up()).build())
        .check(Check.builder("db", ctx -> db.get()).build())
        .build());

    assertThat(server.answer("/readyz")).isEqualTo("503 " + String.join("\n", block));
    db.set(CheckResult.up());
    assertThat(server.answer("/readyz")).isEqualTo("200 ok");
    assertThat(server.answer("/readyz?verbose")).startsWith("200 ")
        .contains("[+]cache ok", "[+]db ok");
  }
}
