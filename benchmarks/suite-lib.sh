# Helpers shared by benchmarks/suite.sh and benchmarks/scale.sh (sourced, not run).
# Expects: WORK (a scratch directory), JAVA_OPTS.

JETTY_JAR=examples/jetty-app/target/isoprobe-example-jetty-app.jar
BOOT_JAR=examples/spring-boot-app/target/isoprobe-example-spring-boot-app-0.1.0-SNAPSHOT.jar
BENCH_JAR=benchmarks/target/isoprobe-benchmarks.jar
SIM_JAR=benchmarks/probe-sim/target/probe-sim.jar
APP_PIDS=()
SAMPLER_PIDS=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }

cleanup() {
  local pid
  for pid in "${SAMPLER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${APP_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
  if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  fi
}

build() {
  if [[ -n ${SKIP_BUILD:-} && -f $JETTY_JAR && -f $BOOT_JAR && -f $BENCH_JAR && -f $SIM_JAR ]]; then
    return
  fi
  log "building the example apps, the benchmark jar and probe-sim"
  mvn -B -ntp -q -pl benchmarks,benchmarks/probe-sim,examples/jetty-app,examples/spring-boot-app -am \
    package -DskipTests
}

# Targets: jetty (the Jetty example, isoprobe), boot (the Spring Boot example, isoprobe),
# actuator (the same Spring Boot jar with isoprobe.enabled=false, Actuator's readiness group).
ready_path() { case $1 in actuator) echo /actuator/health/readiness ;; *) echo /readyz ;; esac; }
live_path() { case $1 in actuator) echo /actuator/health/liveness ;; *) echo /livez ;; esac; }
port_of() { case $1 in jetty) echo 18181 ;; boot) echo 18182 ;; actuator) echo 18183 ;; esac; }

# start_app TARGET NAME [KEY=VALUE ...]: starts the target on 127.0.0.1, waits for /hello, sets
# PID and URL. Settings: hang=true (start hung), delay=MS (a healthy check takes MS), mode=M
# (Jetty: block, spin, cycle), cycle=MS. Logs go to $WORK/NAME.log.
start_app() {
  local target=$1 name=$2 port hang=false delay=0 mode=block cycle=10000 kv
  shift 2
  for kv in "$@"; do
    case $kv in
      hang=*) hang=${kv#*=} ;; delay=*) delay=${kv#*=} ;; mode=*) mode=${kv#*=} ;; cycle=*) cycle=${kv#*=} ;;
    esac
  done
  port=$(port_of "$target")
  local out=$WORK/$name.log
  if [[ $target == jetty ]]; then
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    PORT=$port HOST=127.0.0.1 EXAMPLE_HANG=$hang EXAMPLE_CHECK_MS=$delay EXAMPLE_CHECK_MODE=$mode \
      EXAMPLE_CYCLE_MS=$cycle java $JAVA_OPTS -jar "$JETTY_JAR" >"$out" 2>&1 &
  else
    local enabled=true
    [[ $target == actuator ]] && enabled=false
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$BOOT_JAR" --server.address=127.0.0.1 --server.port="$port" \
      --isoprobe.enabled=$enabled --isoprobe.shutdown.drain-delay=0s --example.hang="$hang" \
      --example.check-delay="${delay}ms" >"$out" 2>&1 &
  fi
  PID=$!
  APP_PIDS+=("$PID")
  URL=http://127.0.0.1:$port
  local i
  for i in $(seq 1 300); do
    if curl -s -o /dev/null -m 2 "$URL/hello"; then
      log "$name: $URL pid $PID (load $(loadavg))"
      return
    fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  log "$name did not start:"; tail -40 "$out" >&2
  exit 1
}

# stop_app PID URL: heals the check (so no graceful shutdown waits on a hung call), SIGTERM,
# at most 25 s, then SIGKILL.
stop_app() {
  curl -s -o /dev/null -m 2 -X POST "$2/admin/heal" || true
  kill "$1" 2>/dev/null || true
  local i
  for i in $(seq 1 125); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$1" 2>/dev/null || true
}

hang() { curl -s -o /dev/null -m 5 -X POST "$1/admin/hang"; }

# sample PID FILE: every second "epoch_ms threads rss_kb isoprobe_threads" until stopped.
sample() {
  local pid=$1 file=$2
  (
    while [[ -r /proc/$pid/status ]]; do
      awk -v t="$(now_ms)" -v iso="$(cat /proc/"$pid"/task/*/comm 2>/dev/null | grep -c '^isoprobe-')" \
        '/^Threads:/ { th = $2 } /^VmRSS:/ { rss = $2 } END { if (th) print t, th, rss, iso }' \
        "/proc/$pid/status" 2>/dev/null >>"$file" || true
      sleep 1
    done
  ) &
  SAMPLER=$!
  SAMPLER_PIDS+=("$SAMPLER")
}

stop_sample() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# wrk_run NAME SCRIPT THREADS CONNECTIONS SECONDS TIMEOUT URL: output in $WORK/NAME.
wrk_run() {
  local name=$1 script=$2 threads=$3 conns=$4 secs=$5 to=$6 url=$7
  timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency --timeout "$to" \
    -s "$WORK/$script" "$url" >"$WORK/$name" 2>&1 || true
  grep -q '^RESULT ' "$WORK/$name" || { log "wrk $name failed:"; cat "$WORK/$name" >&2; }
}

# get NAME KEY: one figure of a wrk or RetryingProber run ("-" when missing).
get() {
  local v
  v=$(grep -h '^RESULT ' "$WORK/$1" 2>/dev/null | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }')
  echo "${v:--}"
}
ms() { local v; v=$(get "$1" "$2"); [[ $v == - ]] && echo - || awk -v us="$v" 'BEGIN { printf "%.1f", us / 1000 }'; }
rps() { local v; v=$(get "$1" rps); [[ $v == - ]] && echo - || awk -v r="$v" 'BEGIN { printf "%.0f", r }'; }

# threads_between FILE FROM_MS TO_MS FIELD: "first min max last" of a sample column in a window.
window() {
  awk -v a="$2" -v b="$3" -v f="$4" '$1 >= a && $1 <= b {
      if (n == 0) first = $f
      if (min == "" || $f < min) min = $f
      if ($f > max) max = $f
      last = $f; n++ }
    END { if (n) print first, min, max, last; else print "- - - -" }' "$1"
}
