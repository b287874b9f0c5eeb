#!/usr/bin/env bash
# Runs isoprobe's speed scenarios against the benchmark server on 127.0.0.1 and writes the
# figures to benchmarks/results/<timestamp>.md, rendered from the key=value rows of
# benchmarks/results/<timestamp>/results.kv (beside wrk's raw output). See docs/benchmarks.md.
#
# Usage: benchmarks/run.sh
# Durations (seconds) can be shortened for a smoke run, e.g.
#   OVERHEAD_SECS=3 OVERHEAD_ROUNDS=2 WARMUP_SECS=2 STORM_SECS=5 SPIN_SECS=3 AFTER_SECS=12 benchmarks/run.sh
# ONLY runs some of the sections, in their order: overhead (/healthz and /business), jfr (/readyz
# with a Flight Recorder recording and without), storms (hung and spin), e.g. ONLY=jfr.
# SKIP_BUILD=1 reuses benchmarks/target/isoprobe-benchmarks.jar; MVN_ARGS adds Maven arguments
# (MVN_ARGS=-o builds offline). Exits 1 when a healthy target gave a wrong answer, or when
# that count is unknown, and when the recording of the jfr section holds none of isoprobe's
# events, or their count is unknown.
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
SECTIONS=(overhead jfr storms)
read -ra ONLY <<<"${ONLY:-${SECTIONS[*]}}"

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
for section in "${ONLY[@]}"; do
  if [[ " ${SECTIONS[*]} " != *" $section "* ]]; then
    log "ONLY: unknown section $section (expected some of: ${SECTIONS[*]})"
    exit 2
  fi
done
results_dir ""
RESULTS=benchmarks/results/$STAMP.md

install_tools wrk
build benchmarks
lua_scripts

# bench NAME SCRIPT THREADS CONNECTIONS SECONDS URL: wrk_run with --timeout 5s.
bench() { wrk_run "$1" "$2" "$3" "$4" "$5" 5s "$6"; }

# wants SECTION: whether ONLY asks for the section.
wants() { [[ " ${ONLY[*]} " == *" $1 "* ]]; }

# Wrong answers: every target of the overhead and jfr sections is healthy, so each answer that
# is not 2xx, each socket error, and a spot check's answer other than 200 with the target's
# body is a wrong answer (a false 503 once hid here). HEALTHY_RUNS lists the wrk runs counted.
HEALTHY_RUNS=()
SPOT_WRONG=0 SPOT_ANSWERS=0
# healthy NAME SCRIPT THREADS CONNECTIONS SECONDS URL: bench on a healthy target.
healthy() { HEALTHY_RUNS+=("$1"); bench "$@"; }
# spot URL BODY: one curl of a healthy target, which must answer 200 with exactly BODY (wrk
# counts statuses, not bodies, and reading each body in its Lua would slow wrk down).
spot() {
  local answer
  answer=$(curl -s -m 5 -w '|%{http_code}' "$1" || true)
  SPOT_ANSWERS=$((SPOT_ANSWERS + 1))
  if [[ $answer != "$2|200" ]]; then
    SPOT_WRONG=$((SPOT_WRONG + 1))
    log "wrong answer from $1: ${answer@Q}"
  fi
}

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
kv sections "${ONLY[*]}"
kv_limits
kv_machine
kv load_start "$(loadavg)"
for setting in WARMUP_SECS OVERHEAD_SECS OVERHEAD_ROUNDS STORM_SECS SPIN_SECS AFTER_SECS QUIET_SECS BUSINESS_PAUSE_MS; do
  kv "${setting,,}" "${!setting}"
done
kv clk_tck "$(getconf CLK_TCK)"
log "machine: $(nproc) cores; load $(loadavg)"

# --- a + b: overhead ---------------------------------------------------------------------

# overhead: /healthz against /const-ok of one fast server, /business of it against a nofilter
# server's, in mirrored rounds.
overhead() {
  start_app server server-fast mode=fast
  local fast_pid=$PID fast_url=$URL
  start_app server server-nofilter mode=nofilter
  local plain_pid=$PID plain_url=$URL

  declare -A target=(
    [const]=$fast_url/const-ok [healthz]=$fast_url/healthz
    [filter]=$fast_url/business [plain]=$plain_url/business
  )
  # Both servers get the same warm-up time, so neither is measured with colder JIT code.
  log "overhead: warm-up"
  healthy warm-healthz result.lua 2 16 "$WARMUP_SECS" "$fast_url/healthz"
  healthy warm-const result.lua 2 16 "$WARMUP_SECS" "$fast_url/const-ok"
  healthy warm-filter result.lua 2 16 "$WARMUP_SECS" "$fast_url/business"
  healthy warm-plain-const result.lua 2 16 "$WARMUP_SECS" "$plain_url/const-ok"
  healthy warm-plain result.lua 2 16 "$((2 * WARMUP_SECS))" "$plain_url/business"

  # Rounds in mirrored order (A B, then B A, ...), so a drift in the machine's load favours
  # neither side. Each round pairs the targets it compares; the report gives the median of the
  # per-round ratios, and their range is the noise. Server CPU per request is taken from
  # /proc/<pid>/stat around each run: unlike requests per second, wrk's own share of the two
  # cores does not move it.
  local round name pid ticks order
  for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
    log "overhead: round $round of $OVERHEAD_ROUNDS (load $(loadavg))"
    order=(const healthz filter plain)
    (( round % 2 == 0 )) && order=(plain filter healthz const)
    for name in "${order[@]}"; do
      pid=$fast_pid
      [[ $name == plain ]] && pid=$plain_pid
      ticks=$(cpu_ticks "$pid")
      healthy "$name-$round" result.lua 2 16 "$OVERHEAD_SECS" "${target[$name]}"
      kv "$name-$round.ticks" "$(( $(cpu_ticks "$pid") - ticks ))"
    done
  done
  spot "${target[const]}" ok
  spot "${target[healthz]}" ok
  spot "${target[filter]}" $'business ok\n'
  spot "${target[plain]}" $'business ok\n'
  stop_app "$fast_pid" "$fast_url"
  stop_app "$plain_pid" "$plain_url"
}

# --- Flight Recorder ---------------------------------------------------------------------

# flight_recorder: two fast servers, one of them recording from its start with Flight
# Recorder's default settings, in which isoprobe's events are enabled (as they are by default
# everywhere); /readyz on each, warmed up alike, in mirrored rounds as above. The recording is
# written as its JVM exits, and isoprobe's events in it are counted: a recording without them
# measured nothing.
flight_recorder() {
  local recording=$WORK/server-jfr.jfr
  start_app server server-ready mode=fast
  local ready_pid=$PID ready_url=$URL
  start_app server server-jfr mode=fast jfr="$recording"
  local jfr_pid=$PID jfr_url=$URL
  kv jfr.option "$(jfr_option "$OUT/server-jfr.jfr")"

  log "jfr: warm-up"
  healthy warm-ready result.lua 2 16 "$WARMUP_SECS" "$ready_url/readyz"
  healthy warm-jfr result.lua 2 16 "$WARMUP_SECS" "$jfr_url/readyz"
  local round name pid url ticks order
  for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
    log "jfr: round $round of $OVERHEAD_ROUNDS (load $(loadavg))"
    order=(ready jfr)
    (( round % 2 == 0 )) && order=(jfr ready)
    for name in "${order[@]}"; do
      pid=$ready_pid url=$ready_url
      [[ $name == jfr ]] && pid=$jfr_pid url=$jfr_url
      ticks=$(cpu_ticks "$pid")
      healthy "$name-$round" result.lua 2 16 "$OVERHEAD_SECS" "$url/readyz"
      kv "$name-$round.ticks" "$(( $(cpu_ticks "$pid") - ticks ))"
    done
  done
  spot "$ready_url/readyz" ok
  spot "$jfr_url/readyz" ok
  stop_app "$ready_pid" "$ready_url"
  stop_app "$jfr_pid" "$jfr_url"
  kv jfr.bytes "$(stat -c %s "$recording" 2>/dev/null || true)"
  kv_jfr_events jfr.events "$recording"
  log "jfr: ${JFR_EVENTS:-an unknown number of} isoprobe events in $OUT/server-jfr.jfr"
}

# --- the sections ------------------------------------------------------------------------

JFR_EVENTS=
if wants overhead; then overhead; fi
if wants jfr; then flight_recorder; fi
if wants storms; then
  storm hung "$STORM_SECS"
  storm spin "$SPIN_SECS"
fi

# Wrong answers over the healthy runs, warm-ups included; unknown (empty) when a run's figures
# are missing.
OVERHEAD_WRONG=$SPOT_WRONG OVERHEAD_ANSWERS=$SPOT_ANSWERS
for name in "${HEALTHY_RUNS[@]}"; do
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
kv overhead.spot_wrong "$SPOT_WRONG"
kv overhead.spot_answers "$SPOT_ANSWERS"

# --- report ------------------------------------------------------------------------------

kv load_end "$(loadavg)"
render "$RESULTS"
log "raw output and results.kv in $OUT/"
FAILED=
if [[ $OVERHEAD_WRONG != 0 ]]; then
  log "FAIL: ${OVERHEAD_WRONG:-an unknown number of} wrong answers from healthy targets"
  FAILED=1
fi
if wants jfr && [[ ${JFR_EVENTS:-0} == 0 ]]; then
  log "FAIL: ${JFR_EVENTS:-an unknown number of} isoprobe events in the recording $OUT/server-jfr.jfr"
  FAILED=1
fi
if [[ -n $FAILED ]]; then exit 1; fi
