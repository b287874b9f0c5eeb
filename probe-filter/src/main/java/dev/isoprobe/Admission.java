package dev.isoprobe;

/** Whether probes are answered from their checks, or refused because the server is stopping. */
enum Admission {
  OPEN(null),
  DRAINING("draining"),
  CLOSED("shutting down");

  private final String reason;

  Admission(String reason) {
    this.reason = reason;
  }

  /** Returns the reason a refused probe's body gives. */
  String reason() {
    return reason;
  }
}
