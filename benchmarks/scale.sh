#!/usr/bin/env bash
# Scale: CONNS (10000) concurrent connections holding probes against a hung check on the Jetty
# example (interruptible block: every execution ends at isoprobe's deadline, DEADLINE_MS), for
# SCALE_SECS (20) with wrk --timeout 5s, while 8 paced connections call /hello. Loopback only.
# Reports whether threads stay flat, RSS stays bounded and every probe is answered by its
# deadline; writes benchmarks/results/<timestamp>-scale/scale.md, rendered from results.kv
# there. See docs/benchmarks.md.
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
# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
results_dir -scale

# wrk and the app each hold one descriptor per connection, plus their own.
want=$((CONNS + 4096))
ulimit -Hn "$want" 2>/dev/null || true
ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
log "open-file limit $(ulimit -n) for $CONNS connections; somaxconn $(cat /proc/sys/net/core/somaxconn)," \
  "ephemeral ports $(tr '\t' '-' </proc/sys/net/ipv4/ip_local_port_range)"

install_tools wrk
build examples/jetty-app benchmarks
lua_scripts

kv report scale
kv stamp "$STAMP"
kv_limits
kv_machine
for setting in CONNS SCALE_SECS WARMUP_SECS AFTER_SECS BUSINESS_PAUSE_MS JETTY_HEADER_CACHE_SIZE; do
  kv "${setting,,}" "${!setting}"
done

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
kv load_start "$(loadavg)"
log "scale: $CONNS connections on /readyz for ${SCALE_SECS}s (load $(loadavg))"
s=$(now_ms)
wrk_run scale-probe dist.lua 2 "$CONNS" "$SCALE_SECS" 5s "$url/readyz" &
probe=$!
wrk_run scale-busy paced.lua 1 8 "$SCALE_SECS" 5s "$url/hello" &
busy=$!
sleep $((SCALE_SECS / 2))
kv established "$(ss -Htn state established "( dport = :$(port_of jetty) )" | wc -l)"
if [[ -n ${SCALE_DIAG:-} ]]; then
  # -all: counts unreachable objects too, instead of a full GC that would stall the probes.
  jcmd "$pid" GC.class_histogram -all >"$WORK/histogram.txt" 2>&1 || true
  jstack "$pid" >"$WORK/jstack.txt" 2>&1 || true
  log "heap histogram and thread dump in $WORK"
fi
wait "$probe" "$busy" || true
e=$(now_ms)
kv load_end "$(loadavg)"
sleep "$AFTER_SECS"
stop_sample "$sampler"
stop_app "$pid" "$url"

# isoprobe's own account, from when the filter saw each probe: its once-a-second WARN lines.
{ grep -h 'were answered more than' "$WORK/scale-app.log" || true; } |
  sed -E 's/.* - ([0-9]+) probe\(s\).* the latest ([0-9]+) ms after it.*/\1 \2/' |
  awk '{ n += $1; if ($2 > worst) worst = $2; seconds = seconds " " $1 }
    END { printf "late.count=%d\nlate.worst_ms=%d\nlate.by_second=%s\n", n, worst, substr(seconds, 2) }' >>"$KV"
kv_window threads "$WORK/samples" 0 "$s" 2 "- - - before"
kv_window threads "$WORK/samples" "$s" "$e" 2 "- min max -"
kv_window threads "$WORK/samples" "$((e + 1))" "$FOREVER" 2 "- - - after"
kv_window rss_kb "$WORK/samples" 0 "$FOREVER" 3 "first - max last"
kv_window "" "$WORK/samples" 0 "$FOREVER" 4 "- - iso_max -"
kv threads.series "$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 }' "$WORK/samples")"
render "$WORK/scale.md"
