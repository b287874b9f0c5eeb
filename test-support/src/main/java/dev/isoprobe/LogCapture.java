/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of every logger while open, as the lines an operator would read.
 * Logback's: a module whose tests use it logs through Logback.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Returns the events so far from loggers named {@code prefix} or under it. */
  public List<ILoggingEvent> events(String prefix) {
    List<ILoggingEvent> matching = new ArrayList<>();
    synchronized (appender) { // ListAppender appends under this lock
      for (ILoggingEvent event : appender.list) {
        if (event.getLoggerName().equals(prefix) || event.getLoggerName().startsWith(prefix + ".")) {
          matching.add(event);
        }
      }
    }
    return matching;
  }

  /** Returns every captured event as logged text: level, logger, message and any throwable. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    synchronized (appender) {
      for (ILoggingEvent event : appender.list) {
        lines.add(text(event));
      }
    }
    return lines;
  }

  public static String text(ILoggingEvent event) {
    String line = event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage();
    IThrowableProxy thrown = event.getThrowableProxy();
    return thrown == null ? line : line + "\n" + ThrowableProxyUtil.asString(thrown);
  }

  /** Returns the throwable logged with {@code event}, as it was thrown, or null. */
  public static Throwable thrown(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    return thrown == null ? null : ((ThrowableProxy) thrown).getThrowable();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
