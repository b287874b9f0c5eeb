/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With no SLF4J provider on the class path, SLF4J drops every line: isoprobe's warnings go to
 * the JDK's logging instead, here {@code java.util.logging}, redacted as ever, under the
 * category the docs name.
 */
class NoSlf4jProviderTest {

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final java.util.logging.Logger checks = java.util.logging.Logger.getLogger(LoggingEvents.LOGGER);
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private AutoCloseable probes;

  /** Hides Logback and its provider; isoprobe and SLF4J's API are loaded afresh, above it. */
  private static final class NoProviderLoader extends ClassLoader {
    private static final String PROVIDER = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    NoProviderLoader(ClassLoader parent) {
      super("no-slf4j-provider", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("ch.qos.logback.") || name.startsWith("org.slf4j.")
          || name.startsWith("dev.isoprobe.")) {
        throw new ClassNotFoundException(name + " (hidden)");
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return name.equals(PROVIDER) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(PROVIDER) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }

  @AfterEach
  void stop() throws Exception {
    checks.removeHandler(capture);
    if (probes != null) {
      probes.close();
    }
  }

  @Test
  void withoutAProviderWarningsReachJavaUtilLoggingRedacted() throws Exception {
    checks.addHandler(capture);
    URL core = Probes.class.getProtectionDomain().getCodeSource().getLocation();
    URL slf4j = org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader isolated = new URLClassLoader(new URL[] {core, slf4j},
        new NoProviderLoader(NoSlf4jProviderTest.class.getClassLoader()));

    Class<?> probesType = Class.forName("dev.isoprobe.Probes", true, isolated);
    Class<?> builderType = isolated.loadClass("dev.isoprobe.Probes$Builder");
    Class<?> checkType = isolated.loadClass("dev.isoprobe.Check");
    Class<?> healthCheckType = isolated.loadClass("dev.isoprobe.HealthCheck");
    Object failing = Proxy.newProxyInstance(isolated, new Class<?>[] {healthCheckType},
        (proxy, method, args) -> {
          if (method.getName().equals("check")) {
            throw new IllegalStateException("login failed, password=hunter2");
          }
          return method.getName().equals("hashCode") ? System.identityHashCode(proxy) : null;
        });
    Object checkBuilder = checkType.getMethod("builder", String.class, healthCheckType)
        .invoke(null, "db", failing);
    Object builder = probesType.getMethod("builder").invoke(null);
    builderType.getMethod("check", checkType)
        .invoke(builder, checkBuilder.getClass().getMethod("build").invoke(checkBuilder));
    probes = (AutoCloseable) builderType.getMethod("build").invoke(builder);
    Filter filter = (Filter) probesType.getMethod("filter").invoke(probes);

    ModelHttp http = new ModelHttp("/readyz", 0, false);
    filter.doFilter(http.request(), http.response(), (request, response) -> { });
    http.answeredInline();

    await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
    assertThat(http.status()).isEqualTo(503);
    LogRecord failure = records.get(0);
    assertThat(failure.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
    assertThat(failure.getMessage())
        .isEqualTo("check 'db' failed: IllegalStateException: login failed, password=***");
    // Formatters that show the source (Tomcat's OneLineFormatter, the JDK's SimpleFormatter)
    // show the category the docs name, not the adapter that wrote it.
    assertThat(failure.getLoggerName()).isEqualTo(LoggingEvents.LOGGER);
    assertThat(failure.getSourceClassName()).isEqualTo(LoggingEvents.LOGGER);
    assertThat(failure.getSourceMethodName()).doesNotContain("handleNormalizedLoggingCall");
  }
}
