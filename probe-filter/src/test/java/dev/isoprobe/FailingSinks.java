/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.Random;
import org.slf4j.LoggerFactory;

/**
 * Sinks that fail as a broken deployment's do: a log appender on isoprobe's loggers that throws
 * an {@link Error} at random (logback passes Errors on), and a health listener that throws one at
 * every event. Closing takes the appender off.
 */
final class FailingSinks implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.isoprobe");
  private final AppenderBase<ILoggingEvent> appender;

  private FailingSinks(long seed) {
    Random random = new Random(seed);
    appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        synchronized (random) {
          if (random.nextInt(3) == 0) {
            throw new OutOfMemoryError("appender out of memory (a test's)");
          }
        }
      }
    };
    appender.start();
    logger.addAppender(appender);
  }

  static FailingSinks start(long seed) {
    return new FailingSinks(seed);
  }

  HealthListener listener() {
    return new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        throw new NoClassDefFoundError("a listener's missing class (a test's)");
      }

      @Override
      public void groupChanged(StatusChange change) {
        throw new StackOverflowError();
      }

      @Override
      public void stuck(String check, Duration ranFor) {
        throw new IllegalStateException("a listener's bug");
      }
    };
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
