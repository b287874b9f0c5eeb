#!/usr/bin/env bash
# Shutdown with probes in flight, for the example Jetty app:
# a readiness check that takes 2 s, four probes started together, SIGTERM 0.5 s later.
# Prints each probe's status and body (000 = no HTTP response: reset or refused), the exit code
# and the time from SIGTERM to exit.
#
#   benchmarks/shutdown.sh                        # build the example jar, then run once
#   SKIP_BUILD=1 RUNS=5 benchmarks/shutdown.sh    # reuse the jar, five runs
#   DRAIN_DELAY_MS=1000 benchmarks/shutdown.sh    # with a drain delay
#
# Settings (environment): PORT (18080), RUNS (1), EXAMPLE_CHECK_MS (2000), PROBES (4),
# SIGTERM_AFTER (0.5, seconds), STOP_TIMEOUT_MS (10000), DRAIN_DELAY_MS (0), PROBE_DEADLINE_MS (800).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
RUNS=${RUNS:-1}
PROBES=${PROBES:-4}
SIGTERM_AFTER=${SIGTERM_AFTER:-0.5}
export EXAMPLE_CHECK_MS=${EXAMPLE_CHECK_MS:-2000}
export STOP_TIMEOUT_MS=${STOP_TIMEOUT_MS:-10000}
export DRAIN_DELAY_MS=${DRAIN_DELAY_MS:-0}
export ISOPROBE_SHUTDOWN_DRAINDELAY=${DRAIN_DELAY_MS}
export PROBE_DEADLINE_MS=${PROBE_DEADLINE_MS:-800}
export ISOPROBE_TIMEOUT=${PROBE_DEADLINE_MS}
JAR=examples/jetty-app/target/isoprobe-example-jetty-app.jar

if [[ -z "${SKIP_BUILD:-}" || ! -f "$JAR" ]]; then
  mvn -B -ntp -q -pl examples/jetty-app -am package -DskipTests
fi

work=$(mktemp -d)
app=
cleanup() {
  if [[ -n "$app" ]] && kill -0 "$app" 2>/dev/null; then kill -KILL "$app"; fi
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

run_once() {
  local run=$1
  PORT=$PORT HOST=127.0.0.1 java -jar "$JAR" >"$work/app.out" 2>"$work/app.err" &
  app=$!
  local tries=0
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/hello"; do
    tries=$((tries + 1))
    if (( tries > 300 )) || ! kill -0 "$app" 2>/dev/null; then
      echo "the app did not start:"; cat "$work/app.err"; exit 1
    fi
    sleep 0.1
  done

  local curls=() i
  for i in $(seq 1 "$PROBES"); do
    curl -s -o "$work/body$i" -w '%{http_code} %{time_total}' --max-time 30 \
      "http://127.0.0.1:$PORT/readyz" >"$work/probe$i" 2>/dev/null &
    curls+=($!)
  done
  sleep "$SIGTERM_AFTER"

  local start end code=0
  start=$(now_ms)
  kill -TERM "$app"
  wait "$app" || code=$?
  end=$(now_ms)
  app=
  for i in "${curls[@]}"; do wait "$i" || true; done

  local answered=0 statuses="" line
  for i in $(seq 1 "$PROBES"); do
    line=$(cat "$work/probe$i" 2>/dev/null || echo "000 -")
    statuses+="${line%% *} "
    [[ "${line%% *}" != "000" ]] && answered=$((answered + 1))
    printf '  run %s probe %s: status %s after %ss, body: %s\n' "$run" "$i" "${line%% *}" \
      "${line##* }" "$(tr '\n' ' ' <"$work/body$i" 2>/dev/null)"
  done
  printf 'run %s: answered %s/%s (%s) exit code %s, SIGTERM to exit %s ms\n' \
    "$run" "$answered" "$PROBES" "${statuses% }" "$code" "$((end - start))"
}

echo "check ${EXAMPLE_CHECK_MS} ms, ${PROBES} probes, SIGTERM after ${SIGTERM_AFTER} s," \
  "deadline ${PROBE_DEADLINE_MS} ms, drain delay ${DRAIN_DELAY_MS} ms, stop timeout ${STOP_TIMEOUT_MS} ms"
for run in $(seq 1 "$RUNS"); do
  run_once "$run"
done
