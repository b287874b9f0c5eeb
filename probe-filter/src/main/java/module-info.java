/**
 * isoprobe's core: health probes answered in isolation from the application's own requests.
 * Micrometer is optional: it is needed only by an application that passes
 * {@link dev.isoprobe.ProbeMetrics} to {@link dev.isoprobe.Probes.Builder#metrics}.
 */
module dev.isoprobe {
  exports dev.isoprobe;

  requires transitive jakarta.servlet;
  requires static micrometer.core;
  requires org.slf4j;
  requires java.management;
  requires jdk.jfr;

  // Logs asks whether any SLF4J provider is bound before it falls back to System.Logger.
  uses org.slf4j.spi.SLF4JServiceProvider;
}
