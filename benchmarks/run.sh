#!/usr/bin/env bash
# Runs isoprobe's speed scenarios against the benchmark server on 127.0.0.1 and writes the
# figures to benchmarks/results/<timestamp>.md. See docs/benchmarks.md.
#
# Usage: benchmarks/run.sh
# Durations (seconds) can be shortened for a smoke run, e.g.
#   OVERHEAD_SECS=3 OVERHEAD_ROUNDS=2 WARMUP_SECS=2 STORM_SECS=5 SPIN_SECS=3 AFTER_SECS=12 benchmarks/run.sh
# SKIP_BUILD=1 reuses benchmarks/target/isoprobe-benchmarks.jar.
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
DEADLINE_MS=800 # Probes.DEFAULT_DEADLINE, which the benchmark server keeps
JAR=benchmarks/target/isoprobe-benchmarks.jar
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p benchmarks/results
RESULTS=benchmarks/results/$STAMP.md
WORK=$(mktemp -d)
SERVER_PIDS=()
SAMPLER_PID=

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- setup -------------------------------------------------------------------------------

if ! command -v wrk >/dev/null; then
  log "installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk
fi
if [[ -z ${SKIP_BUILD:-} || ! -f $JAR ]]; then
  log "building $JAR"
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
cat benchmarks/result.lua > "$WORK/result.lua"
cat benchmarks/result.lua benchmarks/paced.lua > "$WORK/paced.lua"

# --- helpers -----------------------------------------------------------------------------

# start_server MODE: starts the server on an ephemeral port; sets PID and URL.
start_server() {
  local out=$WORK/server-$1.log
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  java $JAVA_OPTS -jar "$JAR" 0 "$1" >"$out" 2>&1 &
  PID=$!
  SERVER_PIDS+=("$PID")
  for _ in $(seq 1 150); do
    if grep -q '^listening ' "$out"; then
      URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1)
      log "server $1: $URL pid $PID"
      return
    fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  log "server $1 did not start:"; cat "$out" >&2
  exit 1
}

# stop_server PID: stops it and waits at most 10 s.
stop_server() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}

# bench NAME SCRIPT THREADS CONNECTIONS SECONDS URL: runs wrk, keeps its output in $WORK/NAME.
bench() {
  local name=$1 script=$2 threads=$3 conns=$4 secs=$5 url=$6
  timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency --timeout 5s \
    -s "$WORK/$script" "$url" >"$WORK/$name" 2>&1
  grep -q '^RESULT ' "$WORK/$name" || { log "wrk $name failed:"; cat "$WORK/$name" >&2; exit 1; }
}

# get NAME KEY: one figure of a wrk run (latencies in microseconds).
get() {
  grep '^RESULT ' "$WORK/$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'
}

ms() { awk -v us="$(get "$1" "$2")" 'BEGIN { printf "%.1f", us / 1000 }'; }
rps() { awk -v r="$(get "$1" rps)" 'BEGIN { printf "%.0f", r }'; }
# calc EXPR: floating point arithmetic, printed with 2 decimals.
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo FAIL; fi; }
now_ms() { date +%s%3N; }
# cpu_ticks PID: the process's user plus system CPU time so far, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# sample_threads PID FILE: every second, "epoch_ms jvm_threads isoprobe_threads" until PID ends.
# Linux truncates thread names to 15 characters, enough for the isoprobe- prefix.
sample_threads() {
  local pid=$1 file=$2 threads iso
  while [[ -r /proc/$pid/status ]]; do
    threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    iso=$(cat /proc/"$pid"/task/*/comm 2>/dev/null | grep -c '^isoprobe-' || true)
    [[ -n $threads ]] && echo "$(now_ms) $threads $iso" >>"$file"
    sleep 1
  done
}

# storm MODE SECONDS: baseline business run, quiet, storm with business, quiet after.
# Appends its rows to $WORK/table and its thread series to $WORK/threads.
storm() {
  local mode=$1 secs=$2 samples=$WORK/threads-$1
  start_server "$mode"
  local pid=$PID url=$URL
  sample_threads "$pid" "$samples" &
  SAMPLER_PID=$!
  log "$mode: warm-up and ${secs}s business baseline"
  bench "$mode-warm" paced.lua 1 8 "$WARMUP_SECS" "$url/business"
  bench "$mode-base" paced.lua 1 8 "$secs" "$url/business"
  sleep "$QUIET_SECS" # threads at rest before the storm
  local start end
  start=$(now_ms)
  log "$mode: storm, 64 connections on /readyz for ${secs}s with 8 on /business (load $(loadavg))"
  bench "$mode-probe" result.lua 2 64 "$secs" "$url/readyz" &
  local storm_pid=$!
  bench "$mode-busy" paced.lua 1 8 "$secs" "$url/business" &
  local busy_pid=$!
  sleep 2
  curl -s -m 3 "$url/readyz?verbose" >"$WORK/$mode-verbose" || true
  wait "$storm_pid" "$busy_pid"
  end=$(now_ms)
  log "$mode: ${AFTER_SECS}s after the storm"
  sleep "$AFTER_SECS"
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=
  stop_server "$pid"

  local p99 max limit
  p99=$(ms "$mode-probe" p99_us)
  max=$(ms "$mode-probe" max_us)
  limit=$(calc "$DEADLINE_MS * 1.05")
  cat >>"$WORK/table" <<EOF
| $mode storm: probe answers in ${secs}s (503s, wrk timeouts) | $(get "$mode-probe" requests) ($(get "$mode-probe" status), $(get "$mode-probe" timeout)) | every probe answered: 0 timeouts | $(verdict "$(get "$mode-probe" timeout) == 0") |
| $mode storm: probe latency p50 / p99 / max | $(ms "$mode-probe" p50_us) / $p99 / $max ms | p99 <= $limit ms (deadline $DEADLINE_MS ms + 5 %) | $(verdict "$p99 <= $limit") |
| $mode storm: business p50 / p99 / max, baseline | $(ms "$mode-base" p50_us) / $(ms "$mode-base" p99_us) / $(ms "$mode-base" max_us) ms, $(rps "$mode-base") req/s | | |
| $mode storm: business p50 / p99 / max, during storm | $(ms "$mode-busy" p50_us) / $(ms "$mode-busy" p99_us) / $(ms "$mode-busy" max_us) ms, $(rps "$mode-busy") req/s | unchanged | p99 x$(calc "$(get "$mode-busy" p99_us) / $(get "$mode-base" p99_us)") |
EOF
  awk -v start="$start" -v end="$end" -v mode="$mode" -v after="$AFTER_SECS" '
    $1 < start { before = $2; before_iso = $3; pre = pre " " $2 }
    $1 >= start && $1 <= end {
      if (min == "" || $2 < min) min = $2
      if ($2 > max) max = $2
      if ($3 > max_iso) max_iso = $3
      during = during " " $2
    }
    $1 > end {
      post = post " " $2
      if (back == "" && $2 <= before) back = sprintf("%.0f", ($1 - end) / 1000)
      last = $2; last_iso = $3
    }
    END {
      verdict = (back != "" && back + 0 <= after + 0) ? "pass" : "FAIL"
      printf "| %s storm: JVM threads before / during (min-max) / %ss after | %s / %s-%s / %s | flat, back to %s within %ss | %s (back after %s) |\n", \
        mode, after, before, min, max, last, before, after, verdict, (back == "" ? "never" : back " s") >> (ENVIRON["WORK"] "/table")
      printf "| %s storm: isoprobe threads before / max during / after | %s / %s / %s | <= the isoprobe pools (4 check + 2 liveness + 2 cancel + 1 timer + 1 watchdog + 2 answer) | %s |\n", \
        mode, before_iso, max_iso, last_iso, (max_iso <= 10 ? "pass" : "FAIL") >> (ENVIRON["WORK"] "/table")
      printf "- `%s`: before:%s | storm:%s | after:%s\n", mode, pre, during, post >> (ENVIRON["WORK"] "/threads")
    }' "$samples"
}
export WORK

# --- machine -----------------------------------------------------------------------------

MODEL=$(lscpu | awk -F: '/Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }')
MEM=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
JAVA=$(java -version 2>&1 | head -1)
START_LOAD=$(loadavg)
log "machine: $(nproc) cores, $MODEL, $MEM; load $START_LOAD"
: >"$WORK/table"
: >"$WORK/threads"

# --- a + b: overhead ---------------------------------------------------------------------

start_server fast
FAST_PID=$PID FAST_URL=$URL
start_server nofilter
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
    echo "$(( $(cpu_ticks "$pid") - ticks ))" >"$WORK/$name-$round.ticks"
  done
done
stop_server "$FAST_PID"
stop_server "$PLAIN_PID"

# ratios A B: one line per round, A's req/s over B's.
ratios() {
  local round
  for round in $(seq 1 "$OVERHEAD_ROUNDS"); do calc "$(get "$1-$round" rps) / $(get "$2-$round" rps)"; echo; done
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s to %s", lo, hi }'; }
# rounds NAME: every round's req/s, comma-separated.
rounds() {
  local round
  for round in $(seq 1 "$OVERHEAD_ROUNDS"); do echo "$(rps "$1-$round")"; done | paste -sd, - | sed 's/,/, /g'
}
# cpu_us NAME: server CPU microseconds per request over all rounds.
cpu_us() {
  local ticks=0 requests=0 round
  for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
    ticks=$((ticks + $(cat "$WORK/$1-$round.ticks")))
    requests=$((requests + $(get "$1-$round" requests)))
  done
  calc "$ticks * 1000000 / $(getconf CLK_TCK) / $requests"
}
OVERHEAD_RATIO=$(ratios healthz const | median)
FILTER_RATIO=$(ratios filter plain | median)
# The noise: how far apart two runs of the very same thing land, from the rounds of the plain server.
NOISE=$(for round in $(seq 1 "$OVERHEAD_ROUNDS"); do rps "plain-$round"; echo; done \
  | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1; sum += $1 } END { printf "%.2f", 100 * (hi - lo) / (sum / NR) }')
DIFF=$(calc "100 * sqrt((1 - $FILTER_RATIO)^2)")
# wrong NAME...: answers that were not 2xx, and socket errors, over these runs. Every target of
# the overhead runs is healthy, so each of them is a wrong answer (a false 503 once hid here).
wrong() {
  local total=0 name key
  for name in "$@"; do
    for key in status connect read write timeout; do total=$((total + $(get "$name" "$key"))); done
  done
  echo "$total"
}
OVERHEAD_RUNS=(warm-healthz warm-const warm-filter warm-plain-const warm-plain)
for round in $(seq 1 "$OVERHEAD_ROUNDS"); do
  for name in const healthz filter plain; do OVERHEAD_RUNS+=("$name-$round"); done
done
OVERHEAD_ANSWERS=0
for name in "${OVERHEAD_RUNS[@]}"; do OVERHEAD_ANSWERS=$((OVERHEAD_ANSWERS + $(get "$name" requests))); done
OVERHEAD_WRONG=$(wrong "${OVERHEAD_RUNS[@]}")
{
  for name in const healthz filter plain; do
    case $name in
      const) label='`/const-ok`' ;;
      healthz) label='`/healthz`, one fast check,' ;;
      filter) label='`/business` with the filter,' ;;
      plain) label='`/business` without the filter,' ;;
    esac
    echo "| $label req/s by round; p99 of the last; server CPU per request | $(rounds "$name"); $(ms "$name-$OVERHEAD_ROUNDS" p99_us) ms; $(cpu_us "$name") µs | | |"
  done
  echo "| **\`/healthz\` / \`/const-ok\`**, median of $OVERHEAD_ROUNDS paired rounds (range) | **x$OVERHEAD_RATIO** ($(ratios healthz const | range)); CPU per request x$(calc "$(cpu_us const) / $(cpu_us healthz)") | >= x0.85 | $(verdict "$OVERHEAD_RATIO >= 0.85") |"
  echo "| **\`/business\` with / without the filter**, median of $OVERHEAD_ROUNDS paired rounds (range) | **x$FILTER_RATIO** ($(ratios filter plain | range)), difference $DIFF % | within noise (spread of the plain server's rounds $NOISE %) | $(verdict "$DIFF <= $NOISE") |"
  echo "| **wrong answers of the healthy targets** (non-2xx and socket errors, warm-ups included) | **$OVERHEAD_WRONG** of $OVERHEAD_ANSWERS | 0 | $(verdict "$OVERHEAD_WRONG == 0") |"
} >>"$WORK/table"

# --- c + d: storms -----------------------------------------------------------------------

storm hung "$STORM_SECS"
storm spin "$SPIN_SECS"

# --- report ------------------------------------------------------------------------------

{
  echo "## Figures of $(date -u +%Y-%m-%d) ($STAMP)"
  echo
  echo "- Machine: $(nproc) cores, $MODEL, $MEM; $(uname -sr); $JAVA; server \`$JAVA_OPTS\`."
  echo "- Load average (1, 5, 15 min) at start: $START_LOAD; at end: $(loadavg)."
  echo "- wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}') on the same machine as the server,"
  echo "  against 127.0.0.1; overhead runs $OVERHEAD_ROUNDS rounds of \`wrk -t2 -c16 -d${OVERHEAD_SECS}s\` per target after a ${WARMUP_SECS}s warm-up;"
  echo "  storms 64 connections on \`/readyz\` (\`--timeout 5s\`) for ${STORM_SECS}s (hung) and ${SPIN_SECS}s (spin)"
  echo "  with 8 connections on \`/business\` pausing ${BUSINESS_PAUSE_MS} ms between requests."
  echo
  echo "| scenario | measured | target | verdict |"
  echo "|---|---|---|---|"
  cat "$WORK/table"
  echo
  echo "The spinning check ignores interrupts, so no JVM can stop its thread: one isoprobe thread"
  echo "stays after the spin storm by design, and the JVM count cannot return to its start."
  echo
  echo "JVM threads, one sample a second:"
  echo
  cat "$WORK/threads"
  echo
  echo "A probe's answer during each storm (\`/readyz?verbose\`, 2 s in):"
  for mode in hung spin; do
    echo
    echo "- \`$mode\`: \`$(tr '\n' ' ' <"$WORK/$mode-verbose")\`"
  done
} >"$RESULTS"

# wrk's own output (with its latency distribution), server logs and thread samples.
mkdir -p "benchmarks/results/$STAMP"
cp "$WORK"/* "benchmarks/results/$STAMP/"
cat "$RESULTS"
log "results written to $RESULTS, raw output in benchmarks/results/$STAMP/"
if (( OVERHEAD_WRONG > 0 )); then
  log "FAIL: $OVERHEAD_WRONG wrong answers from healthy targets"
  exit 1
fi
