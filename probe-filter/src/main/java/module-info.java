/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * isoprobe's core: health probes answered in isolation from the application's own requests.
 * Micrometer is optional: it is needed only by an application that passes
 * {@link dev.isoprobe.ProbeMetrics} to {@link dev.isoprobe.Probes.Builder#metrics}. So is the
 * Servlet API: it is needed by an application that serves {@link dev.isoprobe.Probes#filter()}.
 */
// The modules that Loggers is exported to are built after this one.
@SuppressWarnings("module")
module dev.isoprobe {
  exports dev.isoprobe;
  // Not an API: the loggers that isoprobe's own modules share.
  exports dev.isoprobe.internal to dev.isoprobe.shutdown, dev.isoprobe.servlet;

  // Static: an application that serves probes over HTTP requires the Servlet API itself (its
  // ServletContext, its container), and one that serves them only over gRPC runs without it.
  requires static jakarta.servlet;
  requires static micrometer.core;
  requires org.slf4j;
  requires java.management;
  requires jdk.jfr;
  // Where the JDK's System.Logger is java.util.logging's, lines go to it directly (Loggers).
  requires static java.logging;

  // Loggers asks whether any SLF4J provider is bound before it falls back to System.Logger.
  uses org.slf4j.spi.SLF4JServiceProvider;
}
