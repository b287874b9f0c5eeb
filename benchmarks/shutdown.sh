#!/usr/bin/env bash
# Shutdown with probes in flight, for the example Jetty app:
# a readiness check that takes 2 s, four probes started together, SIGTERM 0.5 s later.
# Reports each probe's status and body (000 = no HTTP response: reset or refused), the exit code
# and the time from SIGTERM to exit; writes benchmarks/results/<timestamp>-shutdown/shutdown.md
# (printed too), results.kv and the app's log.
#
#   benchmarks/shutdown.sh                        # build the example and benchmark jars, run once
#   SKIP_BUILD=1 RUNS=5 benchmarks/shutdown.sh    # reuse the jars, five runs
#   DRAIN_DELAY_MS=1000 benchmarks/shutdown.sh    # with a drain delay
#
# Settings (environment): PORT (18080), RUNS (1), EXAMPLE_CHECK_MS (2000), PROBES (4),
# SIGTERM_AFTER (0.5, seconds), STOP_TIMEOUT_MS (10000), DRAIN_DELAY_MS (0), PROBE_DEADLINE_MS
# (isoprobe's default, 800), JAVA_OPTS (none).
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh

PORT=${PORT:-18080}
RUNS=${RUNS:-1}
PROBES=${PROBES:-4}
SIGTERM_AFTER=${SIGTERM_AFTER:-0.5}
EXAMPLE_CHECK_MS=${EXAMPLE_CHECK_MS:-2000}
export STOP_TIMEOUT_MS=${STOP_TIMEOUT_MS:-10000}
DRAIN_DELAY_MS=${DRAIN_DELAY_MS:-0}
PROBE_DEADLINE_MS=${PROBE_DEADLINE_MS:-$DEADLINE_MS}
# The example reads isoprobe's settings through ProbesConfig.
export ISOPROBE_SHUTDOWN_DRAINDELAY=$DRAIN_DELAY_MS
export ISOPROBE_TIMEOUT=$PROBE_DEADLINE_MS
JAVA_OPTS=${JAVA_OPTS:-}

results_dir -shutdown
build examples/jetty-app benchmarks

kv report shutdown
kv stamp "$STAMP"
kv_limits
kv_machine
kv check_ms "$EXAMPLE_CHECK_MS"
kv probes "$PROBES"
kv sigterm_after "$SIGTERM_AFTER"
kv probe_deadline_ms "$PROBE_DEADLINE_MS"
kv drain_delay_ms "$DRAIN_DELAY_MS"
kv stop_timeout_ms "$STOP_TIMEOUT_MS"
kv runs "$RUNS"

log "check ${EXAMPLE_CHECK_MS} ms, ${PROBES} probes, SIGTERM after ${SIGTERM_AFTER} s," \
  "deadline ${PROBE_DEADLINE_MS} ms, drain delay ${DRAIN_DELAY_MS} ms, stop timeout ${STOP_TIMEOUT_MS} ms"
for run in $(seq 1 "$RUNS"); do
  start_app jetty "run$run" port="$PORT" delay="$EXAMPLE_CHECK_MS"
  sigterm_probes "$PID" "$URL" /readyz "$PROBES" "$SIGTERM_AFTER" "run$run"
done
render "$WORK/shutdown.md"
