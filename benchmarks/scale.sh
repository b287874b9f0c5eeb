#!/usr/bin/env bash
# Scale: CONNS (10000) concurrent connections holding probes against a hung check on the Jetty
# example (interruptible block: every execution ends at isoprobe's 800 ms deadline), for
# SCALE_SECS (20) with wrk --timeout 5s, while 8 paced connections call /hello. Loopback only.
# Reports whether threads stay flat, RSS stays bounded and every probe is answered by its
# deadline; writes benchmarks/results/<timestamp>-scale/scale.md. See docs/benchmarks.md.
#
#   benchmarks/scale.sh                  # run as root: raises the open-file limit
#   CONNS=5000 SKIP_BUILD=1 benchmarks/scale.sh
#   SCALE_DIAG=1 benchmarks/scale.sh     # also a heap histogram and a thread dump half-way in
set -euo pipefail
cd "$(dirname "$0")/.."

CONNS=${CONNS:-10000}
SCALE_SECS=${SCALE_SECS:-20}
WARMUP_SECS=${WARMUP_SECS:-10}
AFTER_SECS=${AFTER_SECS:-15}
export BUSINESS_PAUSE_MS=${BUSINESS_PAUSE_MS:-10}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
# Jetty's parser keeps a header cache per connection, 96 KiB at its default size of 1024: 940 MiB
# for 10,000 connections, which is what exhausted the heap before (heap histogram of 14:27).
export JETTY_HEADER_CACHE_SIZE=${JETTY_HEADER_CACHE_SIZE:-0}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=benchmarks/results/$STAMP-scale
mkdir -p "$OUT"
WORK=$(cd "$OUT" && pwd)
# shellcheck source=benchmarks/suite-lib.sh
source benchmarks/suite-lib.sh
trap cleanup EXIT

# wrk and the app each hold one descriptor per connection, plus their own.
want=$((CONNS + 4096))
ulimit -Hn "$want" 2>/dev/null || true
ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
log "open-file limit $(ulimit -n) for $CONNS connections; somaxconn $(cat /proc/sys/net/core/somaxconn)," \
  "ephemeral ports $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"

install_tools
build
cat benchmarks/result.lua benchmarks/dist.lua >"$WORK/dist.lua"
cat benchmarks/result.lua benchmarks/paced.lua >"$WORK/paced.lua"

start_app jetty scale-app hang=false
pid=$PID url=$URL
# Warm-up with the check healthy, so the JIT has compiled the request and answer paths before
# the figures are taken; then the check hangs for good.
log "scale: ${WARMUP_SECS}s warm-up, 16 connections on /readyz with the check healthy"
wrk_run scale-warm result.lua 2 16 "$WARMUP_SECS" 5s "$url/readyz"
hang "$url"
sample "$pid" "$WORK/samples"
sampler=$SAMPLER
sleep 5
load_start=$(loadavg)
log "scale: $CONNS connections on /readyz for ${SCALE_SECS}s (load $load_start)"
s=$(now_ms)
wrk_run scale-probe dist.lua 2 "$CONNS" "$SCALE_SECS" 5s "$url/readyz" &
probe=$!
wrk_run scale-busy paced.lua 1 8 "$SCALE_SECS" 5s "$url/hello" &
busy=$!
sleep $((SCALE_SECS / 2))
established=$(ss -Htn state established "( dport = :$(port_of jetty) )" | wc -l)
if [[ -n ${SCALE_DIAG:-} ]]; then
  # -all: counts unreachable objects too, instead of a full GC that would stall the probes.
  jcmd "$pid" GC.class_histogram -all >"$WORK/histogram.txt" 2>&1 || true
  jstack "$pid" >"$WORK/jstack.txt" 2>&1 || true
  log "heap histogram and thread dump in $WORK"
fi
wait "$probe" "$busy" || true
e=$(now_ms)
load_end=$(loadavg)
sleep "$AFTER_SECS"
stop_sample "$sampler"
stop_app "$pid" "$url"

# isoprobe's own account, from when the filter saw each probe: its once-a-second WARN lines.
late=$({ grep -h 'were answered more than' "$WORK/scale-app.log" || true; } |
  sed -E 's/.* - ([0-9]+) probe\(s\).* the latest ([0-9]+) ms after it.*/\1 \2/' |
  awk '{ n += $1; if ($2 > worst) worst = $2; seconds = seconds " " $1 } END { printf "%d, worst %d ms past the deadline; by second:%s", n, worst, seconds }')
before=$(window "$WORK/samples" 0 "$s" 2)
during=$(window "$WORK/samples" "$s" "$e" 2)
after=$(window "$WORK/samples" "$((e + 1))" 99999999999999 2)
rss=$(window "$WORK/samples" 0 99999999999999 3)
{
  echo "# Scale, $STAMP"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores, $(lscpu | awk -F: '/Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }'),"
  echo "  $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); load average $load_start at the start, $load_end at the end."
  echo "- The Jetty example after a ${WARMUP_SECS} s warm-up (16 connections, check healthy), then check hung"
  echo "  (blocks; isoprobe interrupts it at the 800 ms deadline), \`$JAVA_OPTS\`,"
  echo "  \`JETTY_HEADER_CACHE_SIZE=$JETTY_HEADER_CACHE_SIZE\`;"
  echo "  \`wrk -t2 -c$CONNS -d${SCALE_SECS}s --timeout 5s\` on \`/readyz\`, 8 paced connections on \`/hello\`."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| connections established to the app, ${SCALE_SECS}/2 s in (\`ss\`) | $established of $CONNS |"
  echo "| probes answered (rate) | $(get scale-probe requests) ($(rps scale-probe)/s) |"
  echo "| probe p50 / p90 / p99 / max ms, as wrk saw them | $(ms scale-probe p50_us) / $(ms scale-probe p90_us) / $(ms scale-probe p99_us) / $(ms scale-probe max_us) |"
  echo "| probes answered more than 25 ms past their deadline, counted from when the filter saw them (isoprobe's log) | $late |"
  echo "| wrk errors: connect / read / write / timeout | $(get scale-probe connect) / $(get scale-probe read) / $(get scale-probe write) / $(get scale-probe timeout) |"
  echo "| \`/hello\` p50 / p99 / max ms, answered | $(ms scale-busy p50_us) / $(ms scale-busy p99_us) / $(ms scale-busy max_us), $(get scale-busy requests) |"
  echo "| JVM threads before / during min-max / ${AFTER_SECS} s after | $(awk '{print $4}' <<<"$before") / $(awk '{print $2 "-" $3}' <<<"$during") / $(awk '{print $4}' <<<"$after") |"
  echo "| isoprobe threads, max | $(window "$WORK/samples" 0 99999999999999 4 | awk '{print $3}') |"
  echo "| RSS MiB before / max / last | $(awk '{ printf "%d / %d / %d", $1/1024, $3/1024, $4/1024 }' <<<"$rss") |"
  echo
  echo "Latency by percentile (ms): $(awk '/^PCT / { printf "p%s %.0f, ", $2, $3 / 1000 }' "$WORK/scale-probe")"
  echo
  echo "JVM threads each second: $(awk '{ printf "%s ", $2 }' "$WORK/samples")"
} >"$WORK/scale.md"
cat "$WORK/scale.md"
log "written $OUT/scale.md"
