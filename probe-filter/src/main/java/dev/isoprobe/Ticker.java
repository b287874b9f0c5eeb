package dev.isoprobe;

/** A source of nanosecond time, so tests can drive durations and result caching by hand. */
@FunctionalInterface
interface Ticker {

  long nanoTime();

  static Ticker system() {
    return System::nanoTime;
  }
}
