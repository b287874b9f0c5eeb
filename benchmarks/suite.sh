#!/usr/bin/env bash
# The scenario suite of the design brief against three targets in one run, on 127.0.0.1 only,
# every load bounded in time: the Jetty example (isoprobe), the Spring Boot example (isoprobe on
# Tomcat, /readyz) and the same Spring Boot jar with isoprobe.enabled=false (Actuator's
# /actuator/health/readiness, whose group includes the db indicator). Writes
# benchmarks/results/<timestamp>/summary.md, the raw output and two PNG plots. See
# docs/benchmarks.md, "Scenario suite: isoprobe vs Actuator".
#
#   benchmarks/suite.sh            # about 13 minutes; run as root to install wrk and gnuplot
#   benchmarks/suite.sh --soak     # only the soak: the Jetty example with a check cycling
#                                  # healthy / blocked / spinning, SOAK_SECS (600) under load
#
# Settings (environment): SKIP_BUILD=1 reuses the jars; STORM_SECS (20), AFTER_SECS (15),
# BASE_SECS (10), OVERHEAD_SECS (10), WARMUP_SECS (5), SPIN_SECS (10), RETRY_SECS (20),
# SIM_HANG_SECS (60: how long the dependency hangs in the probe-sim run), SOAK_SECS (600),
# SOAK_CYCLE_MS (10000), JAVA_OPTS (-Xms256m -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."

SOAK=
case ${1:-} in
  --soak) SOAK=1 ;;
  "") ;;
  *) echo "usage: benchmarks/suite.sh [--soak]" >&2; exit 2 ;;
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
DEADLINE_MS=800 # both examples keep isoprobe's 800 ms
TARGETS=(jetty boot actuator)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=benchmarks/results/$STAMP
mkdir -p "$OUT"
WORK=$(cd "$OUT" && pwd)
# shellcheck source=benchmarks/suite-lib.sh
source benchmarks/suite-lib.sh
trap cleanup EXIT

install_tools
build
cat benchmarks/result.lua >"$WORK/result.lua"
cat benchmarks/result.lua benchmarks/dist.lua >"$WORK/dist.lua"
cat benchmarks/result.lua benchmarks/paced.lua >"$WORK/paced.lua"

MODEL=$(lscpu | awk -F: '/Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }')
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
JAVA=$(java -version 2>&1 | head -1)
MACHINE="$(nproc) cores, $MODEL, $MEM; $(uname -sr); $JAVA; apps \`$JAVA_OPTS\`; wrk and the apps on the same machine"
log "machine: $MACHINE; load $(loadavg)"
: >"$WORK/loads"
note_load() { echo "- $1: load average $(loadavg)" >>"$WORK/loads"; }

declare -A R # R[target.key] = figure

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
  local heap0 s e
  heap0=$(heap_used_kb "$pid")
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
  local statuses=$!
  wait "$probe" "$busy" "$statuses" || true
  e=$(now_ms)
  note_load "soak end"
  local heap1
  heap1=$(heap_used_kb "$pid")
  sleep 3
  stop_sample "$sampler"
  stop_app "$pid" "$url"
  local n=$(( SOAK_SECS / 60 ))
  {
    echo "# Soak, $STAMP"
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $MACHINE."
    echo "- The Jetty example with \`EXAMPLE_CHECK_MODE=cycle\`: healthy, blocked (interruptible),"
    echo "  spinning (ignores interrupts), ${SOAK_CYCLE_MS} ms each, for ${SOAK_SECS} s (${n} min);"
    echo "  16 connections on \`/readyz\` and 4 paced connections on \`/hello\` throughout."
    echo
    echo "| figure | value |"
    echo "|---|---|"
    echo "| probes answered (rate) | $(get soak-probe requests) ($(rps soak-probe)/s) |"
    echo "| probe p50 / p99 / max ms | $(ms soak-probe p50_us) / $(ms soak-probe p99_us) / $(ms soak-probe max_us) |"
    echo "| wrk errors on probes: connect / read / write / timeout | $(get soak-probe connect) / $(get soak-probe read) / $(get soak-probe write) / $(get soak-probe timeout) |"
    echo "| \`/hello\` answered, non-2xx, p99 ms | $(get soak-busy requests), $(get soak-busy status), $(ms soak-busy p99_us) |"
    echo "| \`/readyz?verbose\` once a second: 200 / 503 / other | $(grep -c '^200' "$WORK/soak-statuses") / $(grep -c '^503' "$WORK/soak-statuses") / $(grep -vc '^200\|^503' "$WORK/soak-statuses") |"
    echo "| JVM threads first / min / max / last during the soak | $(window "$samples" "$s" "$e" 2) |"
    echo "| RSS MiB first / max / last | $(window "$samples" "$s" "$e" 3 | awk '{ printf "%d / %d / %d", $1/1024, $3/1024, $4/1024 }') |"
    echo "| live heap after a full GC, before / after the soak | $((heap0 / 1024)) MiB / $((heap1 / 1024)) MiB |"
    echo "| isoprobe threads, max | $(window "$samples" "$s" "$e" 4 | awk '{print $3}') |"
    echo "| ERROR lines in the app log | $(grep -c ' ERROR \|^ERROR\|\[ERROR\]' "$WORK/soak.log" || true) |"
    echo
    echo "JVM threads, one sample every 10 s: $(awk -v s="$s" -v e="$e" '$1 >= s && $1 <= e && (n++ % 10 == 0) { printf "%s ", $2 }' "$samples")"
    echo
    cat "$WORK/loads"
  } >"$WORK/soak.md"
  cat "$WORK/soak.md"
  log "written $OUT/soak.md"
}

if [[ -n $SOAK ]]; then
  soak
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
  R[$t.ready_rps]=$(rps "$t-ready") R[$t.ready_p99]=$(ms "$t-ready" p99_us)
  R[$t.hello_rps]=$(rps "$t-hello") R[$t.hello_p99]=$(ms "$t-hello" p99_us)
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
  wait "$storm_pid" "$busy_pid" || true
  end=$(now_ms)
  log "$n: ${AFTER_SECS}s after the storm"
  sleep "$AFTER_SECS"
  stop_sample "$sampler"
  echo "$start $end" >"$WORK/$n-window"
  local before during after
  before=$(window "$samples" 0 "$start" 2)
  during=$(window "$samples" "$start" "$end" 2)
  after=$(window "$samples" "$((end + 1))" 99999999999999 2)
  R[$n.threads]="$(awk '{print $4}' <<<"$before") / $(awk '{print $2 "-" $3}' <<<"$during") / $(awk '{print $4}' <<<"$after")"
  R[$n.rss]="$(awk '{print int($4/1024)}' <<<"$(window "$samples" 0 "$start" 3)") / $(awk '{print int($3/1024)}' <<<"$(window "$samples" "$start" 99999999999999 3)")"
  R[$n.iso]=$(window "$samples" 0 99999999999999 4 | awk '{print $3}')
  R[$n.answered]=$(get "$n-probe" requests)
  R[$n.probe_rps]=$(rps "$n-probe")
  R[$n.wrk_timeouts]=$(get "$n-probe" timeout)
  if [[ ${R[$n.answered]} == 0 || ${R[$n.answered]} == - ]]; then
    R[$n.latency]="none answered"
  else
    R[$n.latency]="$(ms "$n-probe" p50_us) / $(ms "$n-probe" p99_us) / $(ms "$n-probe" max_us)"
  fi
  R[$n.base]="$(ms "$n-base" p50_us) / $(ms "$n-base" p99_us) ms, $(rps "$n-base")/s"
  R[$n.busy]="$(ms "$n-busy" p50_us) / $(ms "$n-busy" p99_us) ms, $(rps "$n-busy")/s"
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
  rpath=$(ready_path "$t")
  curls=()
  for i in 1 2 3 4; do
    curl -s -o "$WORK/$t-shutdown-body$i" -w '%{http_code}' -m 30 "$URL$rpath" >"$WORK/$t-shutdown-probe$i" 2>/dev/null &
    curls+=($!)
  done
  sleep 0.5
  s=$(now_ms)
  kill -TERM "$PID"
  code=0
  wait "$PID" || code=$?
  e=$(now_ms)
  for c in "${curls[@]}"; do wait "$c" || true; done
  answered=0 statuses=""
  for i in 1 2 3 4; do
    st=$(cat "$WORK/$t-shutdown-probe$i" 2>/dev/null || echo 000)
    statuses+="$st "
    [[ $st != 000 ]] && answered=$((answered + 1))
  done
  R[$t.shutdown]="$answered/4 ($(echo $statuses | tr ' ' ',')), exit $code after $((e - s)) ms"
  R[$t.shutdown_body]=$(tr '\n' ' ' <"$WORK/$t-shutdown-body1" | cut -c1-80)
  log "$t shutdown: ${R[$t.shutdown]}"
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
  sleep "$AFTER_SECS"
  stop_sample "$sampler"
  R[$t.retry]="$(get "$t-retry" attempts) / $(get "$t-retry" answered) / $(get "$t-retry" timeout) / $(get "$t-retry" error)"
  R[$t.retry_threads]="$(window "$samples" 0 "$s" 2 | awk '{print $4}') / $(window "$samples" "$s" "$e" 2 | awk '{print $3}') / $(window "$samples" "$((e + 1))" 99999999999999 2 | awk '{print $4}')"
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
  R[$t.sim_restarts]=$(awk '/^  restarts:/ { print $2 }' "$WORK/$t-sim")
  R[$t.sim_unready]=$(awk '/pod unready after/ { print ($5 == "s" ? $4 " s" : $4); exit }' "$WORK/$t-sim")
  R[$t.sim_all]=$(awk -F: '/^  all probes:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")
  R[$t.sim_lb]=$(awk -F: '/^  load balancer checks:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")
  R[$t.sim_live]=$(awk -F: '/^  liveness probes:/ { gsub(/^ +/, "", $2); print $2 }' "$WORK/$t-sim")
  R[$t.sim_threads]=$(awk '/^  threads in pid/ { print $5, $6, $7, $8 }' "$WORK/$t-sim")
  stop_app "$PID" "$URL"
done

# --- plots --------------------------------------------------------------------------------

benchmarks/plots.sh "$WORK" "$STORM_SECS" "$RETRY_SECS" || log "plots failed (is gnuplot installed?)"

# --- summary ------------------------------------------------------------------------------

ratio() { # ratio A B: A / B, or "-" when either is missing or B is 0
  if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && awk "BEGIN { exit !($2 > 0) }"; then
    echo "x$(calc "$1 / $2")"
  else
    echo "-"
  fi
}
row() { # row LABEL KEY [RATIO]
  echo "| $1 | ${R[jetty.$2]:--} | ${R[boot.$2]:--} | ${R[actuator.$2]:--} | ${3:-} |"
}
{
  echo "# Scenario suite, $STAMP"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $MACHINE."
  echo "- Load average at the end: $(loadavg) (per scenario below; the machine is shared)."
  echo "- Targets: **jetty** = \`examples/jetty-app\` (embedded Jetty 12, isoprobe, \`/readyz\`);"
  echo "  **boot** = \`examples/spring-boot-app\` on Tomcat with the isoprobe starter (\`/readyz\`);"
  echo "  **actuator** = the same jar with \`isoprobe.enabled=false\`, probed on \`/actuator/health/readiness\`"
  echo "  (group \`readinessState,db\`). Both Spring targets run with \`isoprobe.shutdown.drain-delay=0s\`."
  echo "- Hang modes: jetty blocks on a latch and ends on isoprobe's interrupt at the deadline (storm) or"
  echo "  spins ignoring interrupts (spin storm); the Spring \`db\` indicator waits on a latch and swallows"
  echo "  interrupts, so both Spring storms are the uninterruptible case."
  echo
  echo "| scenario | jetty (isoprobe) | boot (isoprobe) | actuator | boot / actuator |"
  echo "|---|---|---|---|---|"
  row "overhead: healthy readiness req/s (16 conns)" ready_rps "$(ratio "${R[boot.ready_rps]}" "${R[actuator.ready_rps]}")"
  row "overhead: healthy readiness p99 ms" ready_p99
  row "overhead: \`/hello\` req/s (16 conns)" hello_rps "$(ratio "${R[boot.hello_rps]}" "${R[actuator.hello_rps]}")"
  for t in "${TARGETS[@]}"; do
    R[$t.ready_vs_hello]=$(ratio "${R[$t.ready_rps]}" "${R[$t.hello_rps]}")
  done
  row "overhead: readiness / \`/hello\`" ready_vs_hello
  row "storm: probes answered in ${STORM_SECS}s (64 conns)" answered "$(ratio "${R[boot.answered]}" "${R[actuator.answered]}")"
  row "storm: probe p50 / p99 / max ms (deadline $DEADLINE_MS)" latency
  row "storm: wrk timeout count (5 s, counted per check, not per probe)" wrk_timeouts
  row "storm: \`/hello\` p50 / p99, rate, before" base
  row "storm: \`/hello\` p50 / p99, rate, during" busy
  row "storm: JVM threads before / during min-max / ${AFTER_SECS}s after" threads
  row "storm: RSS MiB before / max" rss
  row "storm: isoprobe threads, max" iso
  row "shutdown: 4 probes on a 2 s check, SIGTERM at 0.5 s: answered, exit" shutdown
  row "shutdown: first probe's body" shutdown_body
  row "retry: 16 clients, 1 s timeout, ${RETRY_SECS}s: attempts / answered / timed out / errors" retry
  row "retry: JVM threads before / max / ${AFTER_SECS}s after" retry_threads
  row "probe-sim: restarts (dependency hangs ${SIM_HANG_SECS}s)" sim_restarts
  row "probe-sim: pod unready after (settings: 4.8 .. 6.8 s)" sim_unready
  row "probe-sim: liveness probes" sim_live
  row "probe-sim: LB checks (24 callers)" sim_lb
  row "probe-sim: all probes" sim_all
  row "probe-sim: threads" sim_threads
  echo
  echo "Spin storm (jetty, \`EXAMPLE_CHECK_MODE=spin\`, ${SPIN_SECS}s): answered ${R[jetty-spin.answered]},"
  echo "p50 / p99 / max ${R[jetty-spin.latency]} ms, \`/hello\` before ${R[jetty-spin.base]}, during ${R[jetty-spin.busy]},"
  echo "JVM threads before / during / after ${R[jetty-spin.threads]}, isoprobe threads max ${R[jetty-spin.iso]}."
  echo
  echo "What a probe said 2 s into each storm (\`?verbose\`):"
  echo
  for n in jetty boot actuator jetty-spin; do
    echo "- $n: \`$(tr '\n' ' ' <"$WORK/$n-verbose" | cut -c1-120)\`"
  done
  echo
  echo "Load average per scenario:"
  echo
  cat "$WORK/loads"
  echo
  echo "![JVM threads during the storm](storm-threads.png)"
  echo "![JVM threads under the retrying prober](retry-threads.png)"
  echo "![probe latency during the storm](storm-latency.png)"
} >"$WORK/summary.md"
cat "$WORK/summary.md"
log "written $OUT/summary.md"
