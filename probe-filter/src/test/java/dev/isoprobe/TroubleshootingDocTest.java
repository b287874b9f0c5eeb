/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/troubleshooting.md quotes every log message the published modules write and names every
 * meter: a log line or meter added without an entry there fails the build. Messages are compared
 * by their literal text between placeholders, so the doc can show example values.
 */
class TroubleshootingDocTest {

  private static final Path DOC = Path.of("../docs/troubleshooting.md");
  private static final List<Path> SOURCES = List.of(Path.of("src/main/java"),
      Path.of("../graceful-shutdown/src/main/java"), Path.of("../jetty-integration/src/main/java"),
      Path.of("../servlet-integration/src/main/java"), Path.of("../tomcat-integration/src/main/java"),
      Path.of("../spring-boot-starter/src/main/java"));
  private static final Pattern LOG_CALL =
      Pattern.compile("\\blog\\.(trace|debug|info|warn|error|log)\\(");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** Text between placeholders and concatenations shorter than this says too little to check. */
  private static final int MIN_FRAGMENT = 8;

  @Test
  void everyLogMessageIsQuoted() throws IOException {
    String doc = Files.readString(DOC);
    List<String> fragments = logMessageFragments();

    assertThat(fragments).as("log messages found in the sources").hasSizeGreaterThan(10)
        .contains("' is stuck: still running ");
    for (String fragment : fragments) {
      assertThat(doc).as("%s quotes the log message text '%s'", DOC, fragment).contains(fragment);
    }
  }

  @Test
  void everyMeterIsNamed() throws IOException {
    String doc = Files.readString(DOC);
    String metrics = Files.readString(Path.of("src/main/java/dev/isoprobe/MicrometerEvents.java"));
    Matcher name = Pattern.compile("\"(isoprobe\\.[a-z.]+)\"").matcher(metrics);
    int meters = 0;
    while (name.find()) {
      meters++;
      assertThat(doc).as("%s names the meter %s", DOC, name.group(1))
          .contains("`" + name.group(1));
    }
    assertThat(meters).isGreaterThanOrEqualTo(7);
  }

  /** The literal text of every log call's message, split at placeholders. */
  private static List<String> logMessageFragments() throws IOException {
    List<String> fragments = new ArrayList<>();
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String source = Files.readString(file);
          Matcher call = LOG_CALL.matcher(source);
          while (call.find()) {
            String arguments = source.substring(call.end(), source.indexOf(");", call.end()));
            Matcher literal = LITERAL.matcher(arguments);
            while (literal.find()) {
              for (String fragment : literal.group(1).split("\\{}")) {
                if (fragment.strip().length() >= MIN_FRAGMENT) {
                  fragments.add(fragment);
                }
              }
            }
          }
        }
      }
    }
    return fragments;
  }
}
