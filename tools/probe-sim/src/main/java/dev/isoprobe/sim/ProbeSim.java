/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.PrintStream;

/**
 * {@code java -jar probe-sim.jar}: what a set of kubelet and load-balancer probe settings does
 * when a dependency hangs. {@code --pure} computes the windows from the settings; otherwise it
 * probes a running app on loopback and prints a timeline. Exit status: 0 done, 1 failed or
 * interrupted, 2 bad arguments.
 */
public final class ProbeSim {

  private ProbeSim() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the tool; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Cli.parse(args);
    } catch (UsageException e) {
      err.println("probe-sim: " + e.getMessage());
      err.println(Cli.USAGE);
      return 2;
    }
    if (options.help()) {
      out.println(Cli.USAGE);
      return 0;
    }
    if (options.pure()) {
      new PureReport(options, out).print();
      return 0;
    }
    try {
      new LiveRun(options, out).run().print(out);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("probe-sim: interrupted");
      return 1;
    }
  }
}
