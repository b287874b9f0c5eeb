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

/**
 * The README's code blocks that tests run, each marked by a comment naming its test's source,
 * {@code <!-- ... by <source> -->}, so that the README cannot rot (shared through
 * isoprobe-test-support).
 */
public final class ReadmeBlocks {

  /** The README, from a module's directory. */
  public static final Path README = Path.of("../README.md");

  private ReadmeBlocks() {}

  /** Returns the lines of the README's code block right after the marker naming {@code source}. */
  public static List<String> marked(String source) throws IOException {
    return marked(README, source, null);
  }

  /**
   * Returns the lines of {@code readme}'s code block right after the marker naming
   * {@code source}; with a {@code language}, the block must be marked as that language.
   */
  public static List<String> marked(Path readme, String source, String language) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int marker = marker(lines, source);
    assertThat(marker).as("README.md has no code block marked with %s", source).isNotNegative();
    String fence = lines.get(marker + 1);
    assertThat(fence).as("a code block right after the marker").startsWith("```");
    if (language != null) {
      assertThat(fence).isEqualTo("```" + language);
    }
    return block(lines, marker + 1);
  }

  /**
   * Returns, for each of {@code languages} in turn, the lines of the first code block of that
   * language after the README's marker naming {@code source}.
   */
  public static List<List<String>> after(String source, String... languages) throws IOException {
    List<String> lines = Files.readAllLines(README);
    int at = marker(lines, source);
    assertThat(at).as("README.md has a block marked with %s", source).isNotNegative();
    List<List<String>> blocks = new ArrayList<>();
    for (String language : languages) {
      while (!lines.get(at).equals("```" + language)) {
        at++;
      }
      List<String> block = block(lines, at);
      blocks.add(block);
      at += block.size() + 1;
    }
    return blocks;
  }

  /**
   * Asserts that every line of {@code block} appears in the file {@code source}, in order, with
   * the same text apart from indentation and alignment; the test may put lines of its own
   * between them.
   */
  public static void assertInOrder(List<String> block, Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int at = 0;
    for (String line : block) {
      String wanted = normal(line);
      while (at < lines.size() && !normal(lines.get(at)).equals(wanted)) {
        at++;
      }
      assertThat(at).as("README line '%s' in %s, after the lines before it", wanted, source)
          .isLessThan(lines.size());
      at++;
    }
  }

  private static int marker(List<String> lines, String source) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("<!--") && lines.get(i).contains(source)) {
        return i;
      }
    }
    return -1;
  }

  /** The lines after the opening fence at {@code fence}, up to the closing one. */
  private static List<String> block(List<String> lines, int fence) {
    List<String> block = new ArrayList<>();
    for (int i = fence + 1; !lines.get(i).startsWith("```"); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  private static String normal(String line) {
    return line.strip().replaceAll("\\s+", " ");
  }
}
