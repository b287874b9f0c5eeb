/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.Filter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: the core, loaded in a class loader that hides every {@code io.micrometer}
 * class, builds, introspects and answers probes (up, error, timeout, stuck) through real Jetty.
 */
class NoMicrometerTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private TestServer server;
  private AutoCloseable probes;

  /** Delegates to the test's loader except for Micrometer (hidden) and isoprobe (loaded afresh). */
  private static final class HidingLoader extends ClassLoader {
    HidingLoader(ClassLoader parent) {
      super("no-micrometer", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("io.micrometer.") || name.startsWith("dev.isoprobe.")) {
        throw new ClassNotFoundException(name + " (hidden)");
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith("io/micrometer/") ? null : super.getResource(name);
    }
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    if (probes != null) {
      probes.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void coreAnswersProbesWithNoMicrometerOnTheClassPath() throws Exception {
    URL core = Probes.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader isolated = new URLClassLoader(new URL[] {core},
        new HidingLoader(NoMicrometerTest.class.getClassLoader()));
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, isolated))
        .isInstanceOf(ClassNotFoundException.class);
    Class<?> probesType = Class.forName("dev.isoprobe.Probes", true, isolated);
    assertThat(probesType.getClassLoader()).isSameAs(isolated);
    // Frameworks introspect builders: that must not need Micrometer either.
    Class<?> builderType = isolated.loadClass("dev.isoprobe.Probes$Builder");
    assertThat(builderType.getMethods()).extracting(Method::getName).contains("metrics", "showDetails");
    assertThat(probesType.getDeclaredMethods()).isNotEmpty();

    Object builder = probesType.getMethod("builder").invoke(null);
    builderType.getMethod("deadline", Duration.class).invoke(builder, Duration.ofMillis(800));
    Object always = isolated.loadClass("dev.isoprobe.ShowDetails").getField("ALWAYS").get(null);
    builderType.getMethod("showDetails", always.getClass()).invoke(builder, always);
    Class<?> checkType = isolated.loadClass("dev.isoprobe.Check");
    for (String name : new String[] {"up", "boom", "hung"}) {
      Object healthCheck = healthCheck(isolated, name);
      Object checkBuilder = checkType.getMethod("builder", String.class, healthCheck.getClass().getInterfaces()[0])
          .invoke(null, name, healthCheck);
      Object check = checkBuilder.getClass().getMethod("build").invoke(checkBuilder);
      builderType.getMethod("check", checkType).invoke(builder, check);
    }
    probes = (AutoCloseable) builderType.getMethod("build").invoke(builder);
    Filter filter = (Filter) probesType.getMethod("filter").invoke(probes);
    ServletContextHandler context = new ServletContextHandler("/");
    TestServer.addFilter(context, filter);
    server = TestServer.builder().handler(context).start();

    assertThat(server.answer("/readyz/up")).isEqualTo("200 ok");
    assertThat(server.answer("/readyz/boom")).isEqualTo(
        "503 [-]boom failed: error: IllegalStateException: no password=*** here\nreadyz check failed");
    assertThat(server.answer("/readyz/hung")).startsWith("503 [-]hung failed: timeout after");
    // Past the unwind grace since its interrupt, the check that ignores it is stuck.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(server.answer("/readyz/hung")).startsWith("503 [-]hung failed: stuck for"));
  }

  private Object healthCheck(ClassLoader isolated, String behaviour) throws Exception {
    Class<?> healthCheckType = isolated.loadClass("dev.isoprobe.HealthCheck");
    Object up = isolated.loadClass("dev.isoprobe.CheckResult").getMethod("up").invoke(null);
    return Proxy.newProxyInstance(isolated, new Class<?>[] {healthCheckType}, (proxy, method, args) ->
        switch (method.getName()) {
          case "check" -> switch (behaviour) {
            case "boom" -> throw new IllegalStateException("no password=hunter2 here");
            case "hung" -> EpisodeLogTest.blockUntilReleased(release) == null ? null : up;
            default -> up;
          };
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> behaviour;
        });
  }
}
