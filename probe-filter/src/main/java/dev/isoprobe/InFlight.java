package dev.isoprobe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The probes started asynchronously and not yet answered, so shutdown can answer them. */
final class InFlight {

  private final Set<Exchange> exchanges = ConcurrentHashMap.newKeySet();

  void add(Exchange exchange) {
    exchanges.add(exchange);
  }

  void remove(Exchange exchange) {
    exchanges.remove(exchange);
  }

  int size() {
    return exchanges.size();
  }

  /** Answers every probe in flight with 503 and the admission's reason. */
  void refuseAll(Admission admission) {
    for (Exchange exchange : exchanges) {
      exchange.refuse(admission.reason());
    }
  }
}
