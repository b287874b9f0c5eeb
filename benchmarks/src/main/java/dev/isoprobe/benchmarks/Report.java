/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders one run's {@code results.kv} (the {@code key=value} rows the benchmark scripts write
 * through {@code benchmarks/lib.sh}) into the markdown report of that run, with its pass/FAIL
 * verdicts, on standard output. The scripts call it when a run ends; it redraws any run's
 * report later:
 *
 * <pre>{@code
 * java -cp benchmarks/target/isoprobe-benchmarks.jar dev.isoprobe.benchmarks.Report \
 *     benchmarks/results/<timestamp>/results.kv
 * }</pre>
 *
 * <p>The row {@code report=} names the layout: {@code run} ({@code benchmarks/run.sh}),
 * {@code suite} and {@code soak} ({@code suite.sh}), {@code scale} ({@code scale.sh}),
 * {@code shutdown} ({@code shutdown.sh}), {@code frozen-db} ({@code frozen-db.sh}). Verdicts
 * compare the figures with the limits the run wrote ({@code limit.*} rows). A figure missing
 * from the file is printed as n/a, and a note under the report (and one line on standard error)
 * says so, once. Exits 2 on a file it cannot read or a layout it does not know.
 */
public final class Report {

  private static final String NAME = "Report";

  private Report() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Renders the file named by the one argument; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      print(err, "usage: java -cp isoprobe-benchmarks.jar dev.isoprobe.benchmarks.Report <results.kv>\n");
      return 2;
    }
    String text;
    try {
      // Decoded leniently: a byte that is not UTF-8 in a server's answer spoils one cell, not the report.
      text = new String(Files.readAllBytes(Path.of(args[0])), StandardCharsets.UTF_8);
    } catch (IOException e) {
      print(err, NAME + ": cannot read " + args[0] + ": " + e + "\n");
      return 2;
    }
    Rendered rendered = render(Results.parse(text));
    print(out, rendered.markdown());
    print(err, rendered.errors());
    return rendered.status();
  }

  /** The report of the figures, what it says on standard error, and the exit status. */
  static Rendered render(Results figures) {
    String report = figures.raw("report");
    StringBuilder markdown = new StringBuilder();
    Layout layout = layout(report, figures, markdown);
    if (layout == null) {
      return new Rendered("", NAME + ": no layout for report \"" + report + "\"\n", 2);
    }
    layout.write();
    if (figures.missingFigures().isEmpty()) {
      return new Rendered(markdown.toString(), "", 0);
    }
    markdown.append('\n')
        .append("n/a: a figure this run did not produce (missing from its results.kv; see the raw output")
        .append(" beside it).\n");
    String errors = NAME + ": " + figures.missingFigures().size() + " figure(s) missing, shown as n/a: "
        + String.join(" ", figures.missingFigures()) + "\n";
    return new Rendered(markdown.toString(), errors, 0);
  }

  private static Layout layout(String report, Results figures, StringBuilder markdown) {
    return switch (report) {
      case "run" -> new RunLayout(figures, markdown);
      case "suite" -> new SuiteLayout(figures, markdown);
      case "soak" -> new SoakLayout(figures, markdown);
      case "scale" -> new ScaleLayout(figures, markdown);
      case "shutdown" -> new ShutdownLayout(figures, markdown);
      case "frozen-db" -> new FrozenDbLayout(figures, markdown);
      default -> null;
    };
  }

  /** As UTF-8 whatever the platform's charset: the reports carry µ. */
  private static void print(PrintStream stream, String text) {
    stream.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    stream.flush();
  }

  record Rendered(String markdown, String errors, int status) {}
}
