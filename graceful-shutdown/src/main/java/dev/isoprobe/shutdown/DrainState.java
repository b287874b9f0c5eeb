package dev.isoprobe.shutdown;

/** Where a {@link GracefulShutdown} is; it only moves forward, in this order. */
public enum DrainState {
  /** Every probe is answered from its checks. */
  RUNNING,
  /** Readiness answers 503 {@code draining}; liveness and startup still run their checks. */
  DRAINING,
  /** No check execution starts; probes in flight are being answered and check threads ended. */
  STOPPING,
  /** Every probe has been answered and the executors have been shut down. */
  STOPPED
}
