#!/usr/bin/env bash
# The scenario suite of the design brief against three targets in one run, on 127.0.0.1 only,
# every load bounded in time: the Jetty example (isoprobe), the Spring Boot example (isoprobe on
# Tomcat, /readyz) and the same Spring Boot jar with isoprobe.enabled=false (Actuator's
# /actuator/health/readiness, whose group includes the db indicator). Writes
# benchmarks/results/<timestamp>/summary.md (rendered from results.kv there), the raw output
# and three PNG plots. See docs/benchmarks.md, "Scenario suite: isoprobe vs Actuator".
#
#   benchmarks/suite.sh            # about 13 minutes; run as root to install wrk and gnuplot
#   benchmarks/suite.sh --soak     # only the soak: the Jetty example with a check cycling
#                                  # healthy / blocked / spinning, SOAK_SECS (600) under load
#   benchmarks/suite.sh --grpc     # only the gRPC rows (g): isoprobe's GrpcHealth against
#                                  # grpc-java's HealthStatusManager, then Boot 4.1's own gRPC
#                                  # health against the isoprobe starter's, about 4 minutes
#
# Settings (environment): SKIP_BUILD=1 reuses the jars; STORM_SECS (20), AFTER_SECS (15),
# BASE_SECS (10), OVERHEAD_SECS (10), WARMUP_SECS (5), SPIN_SECS (10), RETRY_SECS (20),
# SIM_HANG_SECS (60: how long the dependency hangs in the probe-sim run), SOAK_SECS (600),
# SOAK_CYCLE_MS (10000), JAVA_OPTS (-Xms256m -Xmx256m), MVN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."

SOAK=
GRPC_ONLY=
case ${1:-} in
  --soak) SOAK=1 ;;
  --grpc) GRPC_ONLY=1 ;;
  "") ;;
  *) echo "usage: benchmarks/suite.sh [--soak | --grpc]" >&2; exit 2 ;;
esac

STORM_SECS=${STORM_SECS:-20}
AFTER_SECS=${AFTER_SECS:-15}
BASE_SECS=${BASE_SECS:-10}
OVERHEAD_SECS=${OVERHEAD_SECS:-10}
WARMUP_SECS=${WARMUP_SECS:-5}
SPIN_SECS=${SPIN_SECS:-10}
RETRY_SECS=${RETRY_SECS:-20}
SIM_HANG_SECS=${SIM_HANG_SECS:-60}
SOAK_SECS=${SOAK_SECS:-600}
SOAK_CYCLE_MS=${SOAK_CYCLE_MS:-10000}
export BUSINESS_PAUSE_MS=${BUSINESS_PAUSE_MS:-10}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
TARGETS=(jetty boot actuator)

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
results_dir ""

install_tools wrk gnuplot
build benchmarks tools/probe-sim examples/jetty-app examples/spring-boot-app examples/spring-boot-grpc
lua_scripts

kv report "$([[ -n $SOAK ]] && echo soak || echo suite)"
kv stamp "$STAMP"
kv_limits
kv_machine
for setting in STORM_SECS AFTER_SECS BASE_SECS OVERHEAD_SECS WARMUP_SECS SPIN_SECS RETRY_SECS \
  SIM_HANG_SECS SOAK_SECS SOAK_CYCLE_MS BUSINESS_PAUSE_MS; do
  kv "${setting,,}" "${!setting}"
done
log "machine: $(nproc) cores; load $(loadavg)"
note_load() { kv "load.${1// /_}" "$(loadavg)"; }


# --- soak (--soak only): a check cycling healthy / blocked / spinning, under steady load ---------

heap_used_kb() { # after a full GC: the live heap
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); print v; exit } }'
}

soak() {
  start_app jetty soak mode=cycle cycle="$SOAK_CYCLE_MS"
  local pid=$PID url=$URL samples=$WORK/soak-samples
  sample "$pid" "$samples"
  local sampler=$SAMPLER
  log "soak: ${SOAK_SECS}s, check cycling every ${SOAK_CYCLE_MS} ms, 16 connections on /readyz, 4 on /hello (load $(loadavg))"
  note_load "soak start"
  sleep 5
  local s e
  kv soak.heap_kb.before "$(heap_used_kb "$pid")"
  s=$(now_ms)
  wrk_run soak-probe result.lua 2 16 "$SOAK_SECS" 5s "$url/readyz" &
  local probe=$!
  wrk_run soak-busy paced.lua 1 4 "$SOAK_SECS" 5s "$url/hello" &
  local busy=$!
  # A slow verbose prober: which answers the cycle gives, and any status that is not 200 or 503.
  (
    end=$(( $(now_ms) + SOAK_SECS * 1000 ))
    while (( $(now_ms) < end )); do
      curl -s -o /dev/null -w '%{http_code}\n' -m 3 "$url/readyz?verbose" || echo 000
      sleep 1
    done
  ) >"$WORK/soak-statuses" &
  local prober=$!
  wait "$probe" "$busy" "$prober" || true
  e=$(now_ms)
  note_load "soak end"
  kv soak.heap_kb.after "$(heap_used_kb "$pid")"
  sleep 3
  stop_sample "$sampler"
  stop_app "$pid" "$url"
  kv soak.statuses.200 "$(grep -c '^200' "$WORK/soak-statuses" || true)"
  kv soak.statuses.503 "$(grep -c '^503' "$WORK/soak-statuses" || true)"
  kv soak.statuses.other "$(grep -vc '^200\|^503' "$WORK/soak-statuses" || true)"
  kv_window soak.threads "$samples" "$s" "$e" 2 "first min max last"
  kv_window soak.rss_kb "$samples" "$s" "$e" 3 "first - max last"
  kv_window soak "$samples" "$s" "$e" 4 "- - iso_max -"
  kv soak.errors "$(grep -c ' ERROR \|^ERROR\|\[ERROR\]' "$WORK/soak.log" || true)"
  kv soak.series "$(awk -v s="$s" -v e="$e" '$1 >= s && $1 <= e && (n++ % 10 == 0) { printf "%s%s", (n > 1 ? " " : ""), $2 }' "$samples")"
  render "$WORK/soak.md"
}

if [[ -n $SOAK ]]; then
  soak
  exit 0
fi

# --- (g) gRPC: a hung check under a storm of Check calls, isoprobe against HealthStatusManager --
# GrpcStorm starts each server in a JVM of its own on 127.0.0.1 and judges every answer; it
# exits 1 when isoprobe gave a wrong one. The table goes into the summary as it is printed.

grpc_row() {
  note_load "grpc"
  log "grpc: 64 Check calls in flight, db hangs for ${STORM_SECS}s after ${BASE_SECS}s (load $(loadavg))"
  local status=0
  java -cp "$BENCH_JAR" dev.isoprobe.benchmarks.GrpcStorm 64 "$BASE_SECS" "$STORM_SECS" "$AFTER_SECS" \
    >"$WORK/grpc.md" 2>"$WORK/grpc.log" || status=$?
  (( status == 0 )) || log "grpc: isoprobe gave wrong answers or the run failed (exit $status, see grpc.log)"
  note_load "grpc boot"
  log "grpc boot: Spring Boot 4.1 app, Boot's own gRPC health, then the isoprobe starter's (load $(loadavg))"
  printf '\n' >>"$WORK/grpc.md"
  local boot_status=0
  java -cp "$BENCH_JAR" dev.isoprobe.benchmarks.BootGrpcStorm "$BOOT_GRPC_JAR" 64 "$BASE_SECS" \
    "$STORM_SECS" "$AFTER_SECS" >>"$WORK/grpc.md" 2>"$WORK/grpc-boot.log" || boot_status=$?
  (( boot_status == 0 )) || log "grpc boot: isoprobe gave wrong answers or the run failed (exit $boot_status, see grpc-boot.log)"
  (( status == 0 )) || return "$status"
  return "$boot_status"
}

if [[ -n $GRPC_ONLY ]]; then
  grpc_row
  cat "$WORK/grpc.md"
  exit 0
fi

# --- (c) overhead, then (a) the hung-check storm, on one instance per target ---------------

# overhead TARGET URL: healthy readiness against /hello, wrk -t2 -c16.
overhead() {
  local t=$1 url=$2 rpath
  rpath=$(ready_path "$t")
  log "$t: overhead (warm-up ${WARMUP_SECS}s each)"
  note_load "$t overhead"
  wrk_run "$t-warm-ready" result.lua 2 16 "$WARMUP_SECS" 5s "$url$rpath"
  wrk_run "$t-warm-hello" result.lua 2 16 "$WARMUP_SECS" 5s "$url/hello"
  wrk_run "$t-ready" result.lua 2 16 "$OVERHEAD_SECS" 5s "$url$rpath"
  wrk_run "$t-hello" result.lua 2 16 "$OVERHEAD_SECS" 5s "$url/hello"
}

# storm TARGET NAME URL PID SECONDS: paced business baseline, hang, 64 connections on readiness
# with 8 paced on /hello, then AFTER_SECS at rest; threads sampled throughout.
storm() {
  local t=$1 n=$2 url=$3 pid=$4 secs=$5 rpath samples=$WORK/$2-samples start end
  rpath=$(ready_path "$t")
  sample "$pid" "$samples"
  local sampler=$SAMPLER
  log "$n: business baseline ${BASE_SECS}s"
  wrk_run "$n-base" paced.lua 1 8 "$BASE_SECS" 5s "$url/hello"
  sleep 5
  hang "$url"
  note_load "$n storm"
  log "$n: storm, 64 connections on $rpath for ${secs}s with 8 on /hello (load $(loadavg))"
  start=$(now_ms)
  wrk_run "$n-probe" dist.lua 2 64 "$secs" 5s "$url$rpath" &
  local storm_pid=$!
  wrk_run "$n-busy" paced.lua 1 8 "$secs" 5s "$url/hello" &
  local busy_pid=$!
  sleep 2
  curl -s -m 3 "$url$rpath?verbose" >"$WORK/$n-verbose" 2>&1 || echo "(no answer in 3 s)" >"$WORK/$n-verbose"
  kv "$n.verbose" "$(cat "$WORK/$n-verbose")"
  wait "$storm_pid" "$busy_pid" || true
  end=$(now_ms)
  log "$n: ${AFTER_SECS}s after the storm"
  sleep "$AFTER_SECS"
  stop_sample "$sampler"
  echo "$start $end" >"$WORK/$n-window"
  kv_window "$n.threads" "$samples" 0 "$start" 2 "- - - before"
  kv_window "$n.threads" "$samples" "$start" "$end" 2 "- min max -"
  kv_window "$n.threads" "$samples" "$((end + 1))" "$FOREVER" 2 "- - - after"
  kv_window "$n.rss_kb" "$samples" 0 "$start" 3 "- - - before"
  kv_window "$n.rss_kb" "$samples" "$start" "$FOREVER" 3 "- - max -"
  kv_window "$n" "$samples" 0 "$FOREVER" 4 "- - iso_max -"
  # Threads over time, seconds from the start of the storm, for the plot.
  awk -v s="$start" '{ printf "%.1f %d\n", ($1 - s) / 1000, $2 }' "$samples" >"$WORK/$n-threads.dat"
  grep '^PCT ' "$WORK/$n-probe" | awk '{ print $2, $3 / 1000 }' >"$WORK/$n-pct.dat" || true
}

for t in "${TARGETS[@]}"; do
  start_app "$t" "$t-storm"
  overhead "$t" "$URL"
  storm "$t" "$t" "$URL" "$PID" "$STORM_SECS"
  stop_app "$PID" "$URL"
done

# --- (b) uninterruptible check: the Jetty example in spin mode --------------------------------
# The Spring example's db indicator already ignores interrupts (it waits on a latch and swallows
# InterruptedException), so the Spring storms above are the uninterruptible case for Spring.

start_app jetty jetty-spin mode=spin
storm jetty jetty-spin "$URL" "$PID" "$SPIN_SECS"
stop_app "$PID" "$URL"

# --- (d) shutdown with probes in flight by SIGTERM ------------------------------------------

for t in "${TARGETS[@]}"; do
  start_app "$t" "$t-shutdown" delay=2000
  note_load "$t shutdown"
  sigterm_probes "$PID" "$URL" "$(ready_path "$t")" 4 0.5 "$t-shutdown"
done

# --- (e) retrying prober: 16 clients, 1 s timeout, retry at once ----------------------------

for t in "${TARGETS[@]}"; do
  start_app "$t" "$t-retry" hang=true
  samples=$WORK/$t-retry-samples
  sample "$PID" "$samples"
  sampler=$SAMPLER
  sleep 5
  note_load "$t retry"
  log "$t: retrying prober, 16 clients, 1 s timeout, ${RETRY_SECS}s"
  s=$(now_ms)
  java -cp "$BENCH_JAR" dev.isoprobe.benchmarks.RetryingProber "$URL$(ready_path "$t")" 16 1000 "$RETRY_SECS" \
    >"$WORK/$t-retry" 2>&1 || true
  e=$(now_ms)
  kv_result "$t-retry"
  sleep "$AFTER_SECS"
  stop_sample "$sampler"
  kv_window "$t.retry_threads" "$samples" 0 "$s" 2 "- - - before"
  kv_window "$t.retry_threads" "$samples" "$s" "$e" 2 "- - max -"
  kv_window "$t.retry_threads" "$samples" "$((e + 1))" "$FOREVER" 2 "- - - after"
  stop_app "$PID" "$URL"
done

# --- (f) probe-sim: kubelet + 24 LB callers while the dependency hangs ------------------------

SIM_DURATION=$((SIM_HANG_SECS + 15))
for t in boot actuator; do
  start_app "$t" "$t-sim"
  note_load "$t probe-sim"
  log "$t: probe-sim, dependency hangs for ${SIM_HANG_SECS}s (${SIM_DURATION}s in all)"
  rp=$(ready_path "$t") lp=$(live_path "$t")
  java -jar "$SIM_JAR" --readiness "period=2,timeout=1,failure=3,success=1,path=$rp" \
    --liveness "period=2,timeout=1,failure=3,path=$lp" \
    --lb "callers=24,interval=1,timeout=1,unhealthy=3,path=$rp" \
    --base "$URL" --duration "${SIM_DURATION}s" --hang-at 5s --heal-at "$((5 + SIM_HANG_SECS))s" \
    --threads-pid "$PID" --quiet >"$WORK/$t-sim" 2>&1 || true
  kv "$t.sim.restarts" "$(awk '/^  restarts:/ { print $2 }' "$WORK/$t-sim")"
  kv "$t.sim.unready" "$(awk '/pod unready after/ { print ($5 == "s" ? $4 " s" : $4); exit }' "$WORK/$t-sim")"
  kv "$t.sim.all" "$(awk -F: '/^  all probes:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")"
  kv "$t.sim.lb" "$(awk -F: '/^  load balancer checks:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")"
  kv "$t.sim.live" "$(awk -F: '/^  liveness probes:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")"
  kv "$t.sim.threads" "$(awk '/^  threads in pid/ { print $5, $6, $7, $8 }' "$WORK/$t-sim")"
  stop_app "$PID" "$URL"
done

grpc_status=0
grpc_row || grpc_status=$?

# --- plots and summary ------------------------------------------------------------------------

benchmarks/plots.sh "$WORK" "$STORM_SECS" "$RETRY_SECS" || log "plots failed (is gnuplot installed?)"
kv load_end "$(loadavg)"
render "$WORK/summary.md"
printf '\n## (g) gRPC: a hung check under a storm of Check calls\n\n' >>"$WORK/summary.md"
cat "$WORK/grpc.md" >>"$WORK/summary.md"
exit "$grpc_status"
