#!/usr/bin/env bash
# Runs isoprobe's speed scenarios against the benchmark server on 127.0.0.1 and writes the
# figures to benchmarks/results/<timestamp>.md, rendered from the key=value rows of
# benchmarks/results/<timestamp>/results.kv (beside wrk's raw output). See docs/benchmarks.md.
#
# Usage: benchmarks/run.sh
# Durations (seconds) can be shortened for a smoke run, e.g.
#   OVERHEAD_SECS=3 OVERHEAD_ROUNDS=2 WARMUP_SECS=2 STORM_SECS=5 SPIN_SECS=3 AFTER_SECS=12 benchmarks/run.sh
# SKIP_BUILD=1 reuses benchmarks/target/isoprobe-benchmarks.jar; MVN_ARGS adds Maven arguments
# (MVN_ARGS=-o builds offline). Exits 1 when a healthy target gave a wrong answer, or when
# that count is unknown.
set -euo pipefail

cd "$(dirname "$0")/.."

WARMUP_SECS=${WARMUP_SECS:-10}
OVERHEAD_SECS=${OVERHEAD_SECS:-5}
OVERHEAD_ROUNDS=${OVERHEAD_ROUNDS:-6}
STORM_SECS=${STORM_SECS:-20}
SPIN_SECS=${SPIN_SECS:-10}
AFTER_SECS=${AFTER_SECS:-15}
QUIET_SECS=${QUIET_SECS:-5}
export BUSINESS_PAUSE_MS=${BUSINESS_PAUSE_MS:-10}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
results_dir ""
RESULTS=benchmarks/results/$STAMP.md

install_tools wrk
build benchmarks
lua_scripts

# bench NAME SCRIPT THREADS CONNECTIONS SECONDS URL: wrk_run with --timeout 5s.
bench() { wrk_run "$1" "$2" "$3" "$4" "$5" 5s "$6"; }

# cpu_ticks PID: the process's user plus system CPU time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# storm MODE SECONDS: baseline business run, quiet, storm with business, quiet after; the
# figures as MODE-base, MODE-probe, MODE-busy, MODE.threads, MODE.iso, MODE.series rows.
storm() {
  local mode=$1 secs=$2 samples=$WORK/threads-$1
  start_app server "server-$mode" mode="$mode"
  local pid=$PID url=$URL
  sample "$pid" "$samples"
  local sampler=$SAMPLER
  log "$mode: warm-up and ${secs}s business baseline"
  bench "$mode-warm" paced.lua 1 8 "$WARMUP_SECS" "$url/business"
  bench "$mode-base" paced.lua 1 8 "$secs" "$url/business"
  sleep "$QUIET_SECS" # threads at rest before the storm
  local start end
  start=$(now_ms)
  log "$mode: storm, 64 connections on /readyz for ${secs}s with 8 on /business (load $(loadavg))"
  wrk_run "$mode-probe" result.lua 2 64 "$secs" 5s "$url/readyz" &
  local storm_pid=$!
  wrk_run "$mode-busy" paced.lua 1 8 "$secs" 5s "$url/business" &
  local busy_pid=$!
  sleep 2
  curl -s -m 3 "$url/readyz?verbose" >"$WORK/$mode-verbose" || true
  wait "$storm_pid" "$busy_pid" || true
  end=$(now_ms)
  kv "$mode.verbose" "$(cat "$WORK/$mode-verbose")"
  log "$mode: ${AFTER_SECS}s after the storm"
  sleep "$AFTER_SECS"
  stop_sample "$sampler"
  stop_app "$pid" "$url"

  # Samples: epoch_ms threads rss_kb isoprobe_threads. back_s: seconds after the storm until
  # the JVM's threads were back at their count before it ("never").
  awk -v start="$start" -v end="$end" -v p="$mode" '
    $1 < start { before = $2; before_iso = $4; pre = pre (pre == "" ? "" : " ") $2 }
    $1 >= start && $1 <= end {
      if (min == "" || $2 + 0 < min + 0) min = $2
      if (max == "" || $2 + 0 > max + 0) max = $2
      if (max_iso == "" || $4 + 0 > max_iso + 0) max_iso = $4
      during = during (during == "" ? "" : " ") $2
    }
    $1 > end {
      post = post (post == "" ? "" : " ") $2
      if (back == "" && before != "" && $2 + 0 <= before + 0) back = sprintf("%.0f", ($1 - end) / 1000)
      last = $2; last_iso = $4
    }
    END {
      print p ".threads.before=" before; print p ".threads.min=" min; print p ".threads.max=" max
      print p ".threads.last=" last; print p ".threads.back_s=" (back == "" && last != "" ? "never" : back)
      print p ".iso.before=" before_iso; print p ".iso.max=" max_iso; print p ".iso.last=" last_iso
      print p ".series.before=" pre; print p ".series.storm=" during; print p ".series.after=" post
    }' "$samples" >>"$KV"
}

# --- machine -----------------------------------------------------------------------------

kv report run
kv stamp "$STAMP"
kv_limits
kv_machine
kv load_start "$(loadavg)"
for setting in WARMUP_SECS OVERHEAD_SECS OVERHEAD_ROUNDS STORM_SECS SPIN_SECS AFTER_SECS QUIET_SECS BUSINESS_PAUSE_MS; do
  kv "${setting,,}" "${!setting}"
done
kv clk_tck "$(getconf CLK_TCK)"
log "machine: $(nproc) cores; load $(loadavg)"

# --- a + b: overhead ---------------------------------------------------------------------

start_app server server-fast mode=fast
FAST_PID=$PID FAST_URL=$URL
start_app server server-nofilter mode=nofilter
PLAIN_PID=$PID PLAIN_URL=$URL

declare -A TARGET=(
  [const]=$FAST_URL/const-ok [healthz]=$FAST_URL/healthz
  [filter]=$FAST_URL/business [plain]=$PLAIN_URL/business
)
# Both servers get the same warm-up time, so neither is measured with colder JIT code.
log "overhead: warm-up"
bench warm-healthz result.lua 2 16 "$WARMUP_SECS" "$FAST_URL/healthz"
bench warm-const result.lua 2 16 "$WARMUP_SECS" "$FAST_URL/const-ok"
bench warm-filter result.lua 2 16 "$WARMUP_SECS" "$FAST_URL/business"
bench warm-plain-const result.lua 2 16 "$WARMUP_SECS" "$PLAIN_URL/const-ok"
bench warm-plain result.lua 2 16 "$((2 * WARMUP_SECS))" "$PLAIN_URL/business"

# Rounds in mirrored order (A B, then B A, ...), so a drift in the machine's load favours
# neither side. Each round pairs the targets it compares; the report gives the median of the
# per-round ratios, and their range is the noise. Server CPU per request is taken from
# /proc/<pid>/stat around each run: unlike requests per second, wrk's own share of the two
# cores does not move it.
for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
  log "overhead: round $round of $OVERHEAD_ROUNDS (load $(loadavg))"
  order=(const healthz filter plain)
  (( round % 2 == 0 )) && order=(plain filter healthz const)
  for name in "${order[@]}"; do
    pid=$FAST_PID
    [[ $name == plain ]] && pid=$PLAIN_PID
    ticks=$(cpu_ticks "$pid")
    bench "$name-$round" result.lua 2 16 "$OVERHEAD_SECS" "${TARGET[$name]}"
    kv "$name-$round.ticks" "$(( $(cpu_ticks "$pid") - ticks ))"
  done
done
stop_app "$FAST_PID" "$FAST_URL"
stop_app "$PLAIN_PID" "$PLAIN_URL"

# Wrong answers: not 2xx, and socket errors, over all overhead runs. Every target of the
# overhead runs is healthy, so each of them is a wrong answer (a false 503 once hid here).
# Unknown (empty) when a run's figures are missing.
OVERHEAD_RUNS=(warm-healthz warm-const warm-filter warm-plain-const warm-plain)
for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
  for name in const healthz filter plain; do OVERHEAD_RUNS+=("$name-$round"); done
done
OVERHEAD_WRONG=0 OVERHEAD_ANSWERS=0
for name in "${OVERHEAD_RUNS[@]}"; do
  for key in requests status connect read write timeout; do
    figure=$(get "$name" "$key")
    if [[ -z $figure ]]; then OVERHEAD_WRONG='' OVERHEAD_ANSWERS=''; break 2; fi
    if [[ $key == requests ]]; then
      OVERHEAD_ANSWERS=$((OVERHEAD_ANSWERS + figure))
    else
      OVERHEAD_WRONG=$((OVERHEAD_WRONG + figure))
    fi
  done
done
kv overhead.wrong "$OVERHEAD_WRONG"
kv overhead.answers "$OVERHEAD_ANSWERS"

# --- c + d: storms -----------------------------------------------------------------------

storm hung "$STORM_SECS"
storm spin "$SPIN_SECS"

# --- report ------------------------------------------------------------------------------

kv load_end "$(loadavg)"
render "$RESULTS"
log "raw output and results.kv in $OUT/"
if [[ $OVERHEAD_WRONG != 0 ]]; then
  log "FAIL: ${OVERHEAD_WRONG:-an unknown number of} wrong answers from healthy targets"
  exit 1
fi
