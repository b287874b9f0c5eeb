package dev.isoprobe;

import java.util.concurrent.CancellationException;

/**
 * Cancellation of one check execution, owned by isoprobe's executor rather than by the HTTP
 * request: a client that hangs up cancels nothing. Thread-safe.
 */
public interface CancellationToken {

  /** Returns if this execution has been cancelled. */
  boolean isCancelled();

  /**
   * Runs {@code callback} once when this execution is cancelled, at once if it already is. Use it
   * to close a socket or abort a statement that does not respond to interrupts. The callback runs
   * on isoprobe's timer thread and must not block.
   *
   * @throws NullPointerException if callback is null
   */
  void onCancel(Runnable callback);

  /** Throws {@link CancellationException} if this execution has been cancelled. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new CancellationException("check execution cancelled");
    }
  }
}
