package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The core as a named module, as an application on the module path runs it: with the Servlet
 * API and SLF4J's API alone (no provider bound, so isoprobe falls back to System.Logger).
 */
class ModulePathTest {

  @Test
  void probesBuildAndStopOnTheModulePathWithoutAnSlf4jProvider(@TempDir Path dir) throws Exception {
    String modulePath = String.join(File.pathSeparator, Path.of("target/classes").toString(),
        jarOf(Logger.class), jarOf(Filter.class));
    Path source = dir.resolve("src/app/app");
    Files.createDirectories(source);
    Files.writeString(source.getParent().resolve("module-info.java"),
        "module app { requires dev.isoprobe; }");
    Files.writeString(source.resolve("Main.java"), """
        package app;
        public class Main {
          public static void main(String[] args) {
            try (dev.isoprobe.Probes probes = dev.isoprobe.Probes.builder().build()) {
              probes.filter();
              System.out.println("state " + probes.state());
            }
          }
        }
        """);
    Path classes = dir.resolve("out");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "--module-path", modulePath, "--module-source-path", dir.resolve("src").toString(),
        "-m", "app");
    assertThat(compiled).isZero();

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath + File.pathSeparator + classes, "-m", "app/app.Main")
        .redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(output).doesNotContain("Exception").contains("state RUNNING");
    assertThat(child.exitValue()).as(output).isZero();
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
