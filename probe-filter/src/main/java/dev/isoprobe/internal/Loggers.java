/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.internal;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The loggers of every isoprobe module (exported to them alone, not an API): SLF4J's, or the
 * JDK's when no SLF4J provider is bound, as in a WAR that brings SLF4J's API and nothing else.
 * SLF4J would then drop every line; the JDK's logging writes them where the container shows
 * {@code java.util.logging} (Tomcat's JULI, stderr on Jetty), under the same logger names.
 * Thread-safe.
 */
public final class Loggers {

  private Loggers() {}

  /** Returns the logger named after {@code type}. */
  public static Logger get(Class<?> type) {
    return get(type.getName());
  }

  /** Returns the logger {@code name}: SLF4J's when a provider is bound, else the JDK's. */
  public static Logger get(String name) {
    if (!isUnbound()) {
      return LoggerFactory.getLogger(name);
    }
    return Jul.isBackend() ? Jul.logger(name) : new SystemLogger(System.getLogger(name));
  }

  /**
   * Whether SLF4J found no provider at all: it then falls back to dropping every line. An
   * application that chose {@code slf4j-nop} also gets a no-op factory, but declares a provider,
   * and keeps its silence.
   */
  private static boolean isUnbound() {
    return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory
        && ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
            .findFirst().isEmpty();
  }

  private static System.Logger.Level systemLevel(Level level) {
    return switch (level) {
      case ERROR -> System.Logger.Level.ERROR;
      case WARN -> System.Logger.Level.WARNING;
      case INFO -> System.Logger.Level.INFO;
      case DEBUG -> System.Logger.Level.DEBUG;
      case TRACE -> System.Logger.Level.TRACE;
    };
  }

  /** {@code java.util.logging}, when it is what backs the JDK's {@code System.Logger}. */
  private static final class Jul {
    private Jul() {}

    /** Whether the JDK's loggers are java.util.logging's: the JDK's own finder, not a custom one. */
    static boolean isBackend() {
      return ModuleLayer.boot().findModule("java.logging").isPresent()
          && "java.logging".equals(System.LoggerFinder.getLoggerFinder().getClass().getModule().getName());
    }

    static Logger logger(String name) {
      return new JulLogger(java.util.logging.Logger.getLogger(name));
    }
  }

  /**
   * An SLF4J logger that writes to {@code java.util.logging} with the logger's name as the
   * record's source class and the isoprobe method that logged as its source method, so that
   * formatters that show the source (Tomcat's {@code OneLineFormatter}, the JDK's
   * {@code SimpleFormatter}) show the category the docs name, not this adapter.
   */
  private static final class JulLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    /** Frames of the logging path itself, skipped to find the method that logged. */
    private static final Set<String> ADAPTERS = Set.of(JulLogger.class.getName(),
        Loggers.class.getName(), "dev.isoprobe.Logs");
    private final transient java.util.logging.Logger jul;

    JulLogger(java.util.logging.Logger jul) {
      this.jul = jul;
      this.name = jul.getName();
    }

    @Override
    public boolean isTraceEnabled() {
      return jul.isLoggable(julLevel(Level.TRACE));
    }

    @Override
    public boolean isDebugEnabled() {
      return jul.isLoggable(julLevel(Level.DEBUG));
    }

    @Override
    public boolean isInfoEnabled() {
      return jul.isLoggable(julLevel(Level.INFO));
    }

    @Override
    public boolean isWarnEnabled() {
      return jul.isLoggable(julLevel(Level.WARN));
    }

    @Override
    public boolean isErrorEnabled() {
      return jul.isLoggable(julLevel(Level.ERROR));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] arguments, Throwable throwable) {
      LogRecord record = new LogRecord(julLevel(level),
          MessageFormatter.basicArrayFormat(pattern, arguments));
      record.setLoggerName(name);
      record.setSourceClassName(name);
      record.setSourceMethodName(callingMethod());
      record.setThrown(throwable);
      if (hasHandler(jul) || !isShuttingDown()) {
        jul.log(record);
      } else {
        // The JDK's LogManager closes every handler in a shutdown hook of its own, which runs
        // beside the container's: the drain's lines would be lost (Jetty's distribution shows
        // it; Tomcat's JULI keeps its handlers). Write them as its console handler would have.
        System.err.print(new SimpleFormatter().format(record));
      }
    }

    /** Whether a record of {@code logger} reaches any handler, its own or a parent's. */
    private static boolean hasHandler(java.util.logging.Logger logger) {
      for (java.util.logging.Logger at = logger; at != null; at = at.getParent()) {
        if (at.getHandlers().length > 0) {
          return true;
        }
        if (!at.getUseParentHandlers()) {
          return false;
        }
      }
      return false;
    }

    /** Whether the JVM runs its shutdown hooks: it then takes no new one. */
    private static boolean isShuttingDown() {
      Thread probe = new Thread(() -> { }, "isoprobe-shutdown-probe");
      try {
        Runtime.getRuntime().addShutdownHook(probe);
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
      } catch (IllegalStateException shuttingDown) {
        return true;
      }
    }

    private static java.util.logging.Level julLevel(Level level) {
      return switch (level) {
        case ERROR -> java.util.logging.Level.SEVERE;
        case WARN -> java.util.logging.Level.WARNING;
        case INFO -> java.util.logging.Level.INFO;
        case DEBUG -> java.util.logging.Level.FINE;
        case TRACE -> java.util.logging.Level.FINER;
      };
    }

    /** The method that logged: the first frame outside SLF4J's helpers and this adapter. */
    private static String callingMethod() {
      return StackWalker.getInstance().walk(frames -> frames
          .filter(frame -> !ADAPTERS.contains(frame.getClassName())
              && !frame.getClassName().startsWith("org.slf4j."))
          .findFirst().map(StackWalker.StackFrame::getMethodName).orElse("log"));
    }
  }

  /** An SLF4J logger that writes to a {@link System.Logger} of a logging backend of its own. */
  private static final class SystemLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient System.Logger jdk;

    SystemLogger(System.Logger jdk) {
      this.jdk = jdk;
      this.name = jdk.getName();
    }

    @Override
    public boolean isTraceEnabled() {
      return jdk.isLoggable(System.Logger.Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return jdk.isLoggable(System.Logger.Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return jdk.isLoggable(System.Logger.Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return jdk.isLoggable(System.Logger.Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
      return jdk.isLoggable(System.Logger.Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
        Object[] arguments, Throwable throwable) {
      jdk.log(systemLevel(level), MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
  }
}
