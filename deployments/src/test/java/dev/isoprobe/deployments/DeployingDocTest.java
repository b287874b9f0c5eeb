/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ReadmeBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploying.md as a user follows it: its server.xml line is the one the Tomcat tests add,
 * its Boot WAR dependencies are the example's, and its jetty.base commands, run as written on
 * jetty-home, install the module the Jetty tests install.
 */
class DeployingDocTest {

  private static final Path DOC = Path.of("../docs/deploying.md");
  private static final String SOURCE = "deployments/src/test/java/dev/isoprobe/deployments/DeployingDocTest.java";

  @TempDir
  Path directory;

  @Test
  void theServerXmlLineIsTheOneTheTomcatTestsAdd() throws Exception {
    assertThat(ReadmeBlocks.marked(DOC, SOURCE + " (server.xml)", "xml"))
        .containsExactly(StandaloneTomcat.LISTENER);
  }

  @Test
  void theBootWarDependenciesAreTheExamples() throws Exception {
    ReadmeBlocks.assertInOrder(ReadmeBlocks.marked(DOC, SOURCE + " (boot war)", "xml"),
        Path.of("../examples/spring-boot-war/pom.xml"));
  }

  @Test
  void theJettyBaseCommandsInstallTheIsoprobeModule() throws Exception {
    List<String> block = ReadmeBlocks.marked(DOC, SOURCE + " (jetty base)", "bash");
    Path base = Files.createDirectories(directory.resolve("base"));
    // The jar as the user downloaded or built it, beside the base.
    Files.copy(Artifacts.jettyJar(directory.resolve("scratch")),
        base.resolve("isoprobe-jetty-0.1.0-SNAPSHOT.jar"));
    List<String> script = new ArrayList<>(List.of("set -e"));
    script.addAll(block);
    ProcessBuilder bash = new ProcessBuilder("bash", "-c", String.join("\n", script))
        .directory(base.toFile()).redirectErrorStream(true)
        .redirectOutput(directory.resolve("bash.log").toFile());
    bash.environment().put("JETTY_HOME", StandaloneJetty.home().toString());
    bash.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
        + System.getenv("PATH"));
    Process run = bash.start();
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(Files.readString(directory.resolve("bash.log"))).isZero();

    assertThat(base.resolve("modules/isoprobe.mod")).isRegularFile();
    assertThat(base.resolve("etc/isoprobe.xml")).isRegularFile();
    assertThat(base.resolve("start.d/isoprobe.ini")).as(Files.readString(directory.resolve("bash.log")))
        .isRegularFile();
    assertThat(base.resolve("jetty-base")).doesNotExist();
  }
}
