package dev.isoprobe;

import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * isoprobe's loggers: SLF4J's, or the JDK's {@link System.Logger} when no SLF4J provider is
 * bound. SLF4J would then drop every line, a timeout's stack, a stuck check and late answers
 * among them; the JDK's logger writes them through {@code java.util.logging}, to stderr unless
 * configured otherwise.
 */
final class Logs {

  private Logs() {}

  static Logger get(Class<?> type) {
    return get(type.getName());
  }

  static Logger get(String name) {
    return isUnbound() ? new JdkLogger(System.getLogger(name)) : LoggerFactory.getLogger(name);
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

  /** An SLF4J logger that writes to a {@link System.Logger}. */
  private static final class JdkLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final transient System.Logger jdk;

    JdkLogger(System.Logger jdk) {
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
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      System.Logger.Level jdkLevel = switch (level) {
        case ERROR -> System.Logger.Level.ERROR;
        case WARN -> System.Logger.Level.WARNING;
        case INFO -> System.Logger.Level.INFO;
        case DEBUG -> System.Logger.Level.DEBUG;
        case TRACE -> System.Logger.Level.TRACE;
      };
      jdk.log(jdkLevel, message, throwable);
    }
  }
}
