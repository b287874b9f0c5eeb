/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * An appender that holds the thread logging a line that contains some text until released, as
 * a full disk or a stalled log shipper holds a synchronous appender. Logged on the deadline
 * timer, such a line holds up every deadline after it: what the watchdog is there for.
 */
final class BlockingLog extends UnsynchronizedAppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final String text;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  private BlockingLog(String text) {
    this.text = text;
  }

  /** Starts holding the first thread that logs a line containing {@code text}. */
  static BlockingLog holdOn(String text) {
    BlockingLog log = new BlockingLog(text);
    log.start();
    log.root.addAppender(log);
    return log;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (held.getCount() > 0 && event.getFormattedMessage().contains(text)) {
      held.countDown();
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException stopping) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Returns once a thread is held, or false after {@code timeout}. */
  boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void release() {
    released.countDown();
  }

  @Override
  public void close() {
    release();
    root.detachAppender(this);
    stop();
  }
}
