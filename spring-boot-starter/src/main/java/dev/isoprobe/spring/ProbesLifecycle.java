package dev.isoprobe.spring;

import dev.isoprobe.shutdown.GracefulShutdown;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Orders isoprobe's shutdown against the web server's:
 * <ol>
 *   <li>when the context starts closing ({@link ContextClosedEvent}, before any lifecycle bean
 *       stops), readiness answers 503 {@code draining} for the drain delay;
 *   <li>in the phase just before the web server's graceful shutdown, probes in flight are
 *       answered and the probe executor is stopped, so the server's graceful wait never waits
 *       for a probe and no probe is cut off by the closing connector.
 * </ol>
 */
final class ProbesLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

  /**
   * Stops before {@code WebServerGracefulShutdownLifecycle} (higher phases stop first), and so
   * before the web server itself, which stops in a lower phase still.
   */
  static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

  private final GracefulShutdown shutdown;
  private final ApplicationContext context;
  private volatile boolean running;

  ProbesLifecycle(GracefulShutdown shutdown, ApplicationContext context) {
    this.shutdown = shutdown;
    this.context = context;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    // A child context's close event reaches its parent's listeners too: only ours drains.
    if (event.getApplicationContext() != context) {
      return;
    }
    try {
      shutdown.awaitDrained(); // holds the close while endpoints catch up
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    shutdown.awaitStopped();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
