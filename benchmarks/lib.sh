# shellcheck shell=bash
# The one library of the benchmark scripts (run.sh, suite.sh, scale.sh, shutdown.sh, plots.sh):
# sourced, not run, from the repository's root. Logging, timing, arithmetic, tools, the build,
# starting and stopping the apps, wrk runs, thread samples, and the figures of a run as
# key=value rows (results.kv) that the benchmark jar's renderer (dev.isoprobe.benchmarks.Report,
# tested with the module) turns into the markdown tables and their pass/FAIL verdicts.
#
# A figure that a run did not produce (a failed wrk run, an app that logged nothing) is left
# empty here; the renderer prints it as n/a and says so once, under the table.

# --- limits: the one place the pass/fail thresholds live ------------------------------------
# Every script writes them into its results.kv (kv_limits); the renderer reads them from there.

DEADLINE_MS=800            # isoprobe's Probes.DEFAULT_DEADLINE, which every target keeps
P99_SLACK_PCT=5            # a storm's probe p99 passes up to DEADLINE_MS plus this share
MIN_HEALTHZ_RATIO=0.85     # /healthz req/s over /const-ok req/s, median of the paired rounds
MAX_ISOPROBE_THREADS=10    # isoprobe-* threads a storm may show at once
ISOPROBE_POOLS="4 check + 2 liveness + 2 cancel + 1 timer + 1 watchdog + 2 answer"

# --- jars: version-free names ------------------------------------------------------------------

JETTY_JAR=examples/jetty-app/target/isoprobe-example-jetty-app.jar
BENCH_JAR=benchmarks/target/isoprobe-benchmarks.jar
SIM_JAR=tools/probe-sim/target/probe-sim.jar
BOOT_GRPC_JAR=examples/spring-boot-grpc/target/isoprobe-example-spring-boot-grpc.jar
# Spring Boot's repackaged jar keeps Maven's default name, with the project's version in it:
# found by glob (find_boot_jar), so no script names a version.
BOOT_JAR=

find_boot_jar() {
  local jar
  BOOT_JAR=
  for jar in examples/spring-boot-app/target/isoprobe-example-spring-boot-app-*.jar; do
    case $jar in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    [[ -f $jar ]] || continue
    # The newest, should target/ still hold the jar of an earlier version.
    if [[ -z $BOOT_JAR || $jar -nt $BOOT_JAR ]]; then BOOT_JAR=$jar; fi
  done
}

# --- logging, timing, arithmetic ---------------------------------------------------------------

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# calc EXPR: floating point arithmetic, printed with 2 decimals; nothing if EXPR is incomplete
# (an empty operand) or divides by zero.
calc() { awk "BEGIN { printf \"%.2f\", $1 }" 2>/dev/null || true; }

# --- processes: only those this script started -------------------------------------------------

APP_PIDS=()
SAMPLER_PIDS=()
cleanup() {
  local pid
  for pid in "${SAMPLER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${APP_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
# forget LIST PID: takes a process that has ended off LIST (APP_PIDS, SAMPLER_PIDS), so that
# cleanup never signals a PID the system may have handed to another process since.
forget() {
  local -n list=$1
  local keep=() pid
  for pid in "${list[@]}"; do [[ $pid == "$2" ]] || keep+=("$pid"); done
  list=("${keep[@]}")
}

# --- results directory and key=value rows --------------------------------------------------

# results_dir SUFFIX: creates benchmarks/results/<timestamp>SUFFIX, sets STAMP, OUT (relative),
# WORK (absolute, for the raw output) and KV (WORK/results.kv, started empty).
results_dir() {
  STAMP=$(date -u +%Y%m%dT%H%M%SZ)
  OUT=benchmarks/results/$STAMP$1
  mkdir -p "$OUT"
  WORK=$(cd "$OUT" && pwd)
  KV=$WORK/results.kv
  : >"$KV"
}

# kv KEY VALUE...: one row of results.kv; newlines in the value become spaces.
kv() {
  local key=$1 value
  shift
  value=$*
  value=${value//$'\n'/ }
  printf '%s=%s\n' "$key" "$value" >>"$KV"
}

kv_limits() {
  kv limit.deadline_ms "$DEADLINE_MS"
  kv limit.p99_slack_pct "$P99_SLACK_PCT"
  kv limit.min_healthz_ratio "$MIN_HEALTHZ_RATIO"
  kv limit.max_isoprobe_threads "$MAX_ISOPROBE_THREADS"
  kv limit.isoprobe_pools "$ISOPROBE_POOLS"
}

# kv_machine: the machine, the JVM and the date, as machine.* rows.
kv_machine() {
  kv date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  kv machine.cores "$(nproc)"
  kv machine.model "$(lscpu | awk -F: '/Model name/ { gsub(/^[ \t]+/, "", $2); print $2; exit }')"
  kv machine.mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  kv machine.kernel "$(uname -sr)"
  kv machine.java "$(java -version 2>&1 | head -1)"
  if command -v wrk >/dev/null; then kv machine.wrk "$(wrk --version 2>&1 | head -1 | awk '{ print $2 }')"; fi
  kv java_opts "${JAVA_OPTS:-}"
}

# render FILE: renders results.kv into FILE (markdown) and prints it. The renderer is in the
# benchmark jar: every script that renders builds the benchmarks module.
render() {
  java -cp "$BENCH_JAR" dev.isoprobe.benchmarks.Report "$KV" >"$1"
  cat "$1"
  log "written $1"
}

# --- tools and the build -------------------------------------------------------------------------

# install_tools COMMAND...: installs the Debian packages of the commands that are missing.
install_tools() {
  local missing=() tool
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      case $tool in gnuplot) missing+=(gnuplot-nox) ;; *) missing+=("$tool") ;; esac
    fi
  done
  if (( ${#missing[@]} )); then
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  fi
}

# build MODULE...: packages the modules (and what they need) without tests, unless SKIP_BUILD is
# set and their jars exist. MVN_ARGS adds Maven arguments, e.g. MVN_ARGS=-o (offline).
build() {
  local module jar all=1
  find_boot_jar
  for module in "$@"; do
    case $module in
      benchmarks) jar=$BENCH_JAR ;;
      tools/probe-sim) jar=$SIM_JAR ;;
      examples/jetty-app) jar=$JETTY_JAR ;;
      examples/spring-boot-app) jar=$BOOT_JAR ;;
      examples/spring-boot-grpc) jar=$BOOT_GRPC_JAR ;;
      *) log "build: unknown module $module"; exit 2 ;;
    esac
    [[ -n $jar && -f $jar ]] || all=
  done
  if [[ -n ${SKIP_BUILD:-} && -n $all ]]; then
    return
  fi
  log "building $*"
  local modules
  modules=$(IFS=,; echo "$*")
  # shellcheck disable=SC2086 # MVN_ARGS is a list of arguments
  ./mvnw -B -ntp -q ${MVN_ARGS:-} -pl "$modules" -am package -DskipTests
  find_boot_jar
}

# lua: wrk's scripts in WORK, result.lua (the RESULT line) first.
lua_scripts() {
  cat benchmarks/result.lua >"$WORK/result.lua"
  cat benchmarks/result.lua benchmarks/dist.lua >"$WORK/dist.lua"
  cat benchmarks/result.lua benchmarks/paced.lua >"$WORK/paced.lua"
}

# --- the apps -------------------------------------------------------------------------------------

# Targets: jetty (the Jetty example, isoprobe), boot (the Spring Boot example, isoprobe),
# actuator (the same Spring Boot jar with isoprobe.enabled=false, Actuator's readiness group),
# indicator (the same jar with isoprobe running Boot's db indicator as it is, not as a JdbcCheck:
# example.db-indicator-as-is), busy (the same jar as boot, HikariCP lending connections without
# its check of an idle one, as a busy service's connections are lent: aliveBypassWindowMs),
# server (benchmarks/ BenchmarkServer, on an ephemeral port; mode=fast|hung|spin|nofilter).
ready_path() { case $1 in actuator) echo /actuator/health/readiness ;; *) echo /readyz ;; esac; }
live_path() { case $1 in actuator) echo /actuator/health/liveness ;; *) echo /livez ;; esac; }
port_of() {
  case $1 in
    jetty) echo 18181 ;; boot) echo 18182 ;; actuator) echo 18183 ;; indicator) echo 18184 ;; busy) echo 18185 ;;
    *) echo 0 ;;
  esac
}

# jfr_option FILE: the JVM option of a Flight Recorder recording with the default settings
# (default.jfc, in which isoprobe's events are enabled as they are everywhere), running from
# the start and written to FILE when the JVM exits.
jfr_option() { printf '%s' "-XX:StartFlightRecording=settings=default,filename=$1"; }

# start_app TARGET NAME [KEY=VALUE ...]: starts the target on 127.0.0.1, waits until it answers,
# sets PID and URL. Settings: port=N, hang=true (start hung), delay=MS (a healthy check takes
# MS), mode=M (Jetty: block, spin, cycle; server: fast, hung, spin, nofilter), cycle=MS,
# jfr=FILE (a Flight Recorder recording, jfr_option), db=URL (Spring Boot: the DataSource's
# PostgreSQL URL, user postgres, and Actuator's metrics and threaddump endpoints exposed).
# Output goes to WORK/NAME.log. JAVA_OPTS is passed to the JVM.
start_app() {
  local target=$1 name=$2 port hang=false delay=0 mode=block cycle=10000 jfr='' db='' kv
  port=$(port_of "$target")
  shift 2
  for kv in "$@"; do
    case $kv in
      port=*) port=${kv#*=} ;; hang=*) hang=${kv#*=} ;; delay=*) delay=${kv#*=} ;;
      mode=*) mode=${kv#*=} ;; cycle=*) cycle=${kv#*=} ;; jfr=*) jfr=${kv#*=} ;; db=*) db=${kv#*=} ;;
      *) log "start_app: unknown setting $kv"; exit 2 ;;
    esac
  done
  local out=$WORK/$name.log jvm
  read -ra jvm <<<"${JAVA_OPTS:-}" # JAVA_OPTS is a list of options
  if [[ -n $jfr ]]; then jvm+=("$(jfr_option "$jfr")"); fi
  case $target in
    jetty)
      PORT=$port HOST=127.0.0.1 EXAMPLE_HANG=$hang EXAMPLE_CHECK_MS=$delay EXAMPLE_CHECK_MODE=$mode \
        EXAMPLE_CYCLE_MS=$cycle java "${jvm[@]}" -jar "$JETTY_JAR" >"$out" 2>&1 &
      ;;
    boot | actuator | indicator | busy)
      local enabled=true as_is=false args=()
      [[ $target == actuator ]] && enabled=false
      [[ $target == indicator ]] && as_is=true
      # HikariCP checks a connection idle for more than this before lending it (500 ms by default).
      [[ $target == busy ]] && jvm+=(-Dcom.zaxxer.hikari.aliveBypassWindowMs=600000)
      if [[ -n $db ]]; then
        args=(--spring.datasource.url="$db" --spring.datasource.username=postgres
          "--management.endpoints.web.exposure.include=health,metrics,threaddump")
      fi
      java "${jvm[@]}" -jar "$BOOT_JAR" --server.address=127.0.0.1 --server.port="$port" \
        --isoprobe.enabled=$enabled --isoprobe.shutdown.drain-delay=0s --example.hang="$hang" \
        --example.check-delay="${delay}ms" --example.db-indicator-as-is=$as_is "${args[@]}" >"$out" 2>&1 &
      ;;
    server)
      java "${jvm[@]}" -jar "$BENCH_JAR" "$port" "$mode" >"$out" 2>&1 &
      ;;
    *) log "start_app: unknown target $target"; exit 2 ;;
  esac
  PID=$!
  APP_PIDS+=("$PID")
  URL=http://127.0.0.1:$port
  local _ up
  for _ in $(seq 1 300); do
    up=
    if [[ $target == server ]]; then
      # Up once it prints its URL: "listening http://127.0.0.1:<port> pid <pid>".
      if grep -q '^listening ' "$out"; then
        URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1) up=1
      fi
    elif curl -s -o /dev/null -m 2 "$URL/hello"; then
      up=1
    fi
    if [[ -n $up ]]; then
      log "$name: $URL pid $PID (load $(loadavg))"
      return
    fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  log "$name did not start:"; tail -40 "$out" >&2
  exit 1
}

# stop_app PID URL: heals the check (so no graceful shutdown waits on a hung call; the
# benchmark server has no /admin/heal and answers 404), SIGTERM, at most 25 s, then SIGKILL.
stop_app() {
  curl -s -o /dev/null -m 2 -X POST "$2/admin/heal" || true
  kill "$1" 2>/dev/null || true
  local _
  for _ in $(seq 1 125); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$1" 2>/dev/null; then kill -9 "$1" 2>/dev/null || true; fi
  wait "$1" 2>/dev/null || true
  forget APP_PIDS "$1"
}

hang() { curl -s -o /dev/null -m 5 -X POST "$1/admin/hang"; }

# sigterm_probes PID URL PATH PROBES AFTER PREFIX: starts PROBES curl probes of URL/PATH
# together, SIGTERMs PID AFTER seconds later and waits for it; writes PREFIX.answered,
# PREFIX.probes, PREFIX.statuses, PREFIX.exit, PREFIX.exit_ms and, per probe i,
# PREFIX.i.status, PREFIX.i.secs and PREFIX.i.body (000: no HTTP answer, a reset or a refusal).
sigterm_probes() {
  local pid=$1 url=$2 path=$3 probes=$4 after=$5 prefix=$6 curls=() i
  for i in $(seq 1 "$probes"); do
    curl -s -o "$WORK/$prefix-body$i" -w '%{http_code} %{time_total}' -m 30 "$url$path" \
      >"$WORK/$prefix-probe$i" 2>/dev/null &
    curls+=($!)
  done
  sleep "$after"
  local s e code=0
  s=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || code=$?
  e=$(now_ms)
  forget APP_PIDS "$pid"
  for i in "${curls[@]}"; do wait "$i" || true; done
  local answered=0 statuses=() line
  for i in $(seq 1 "$probes"); do
    line=$(cat "$WORK/$prefix-probe$i" 2>/dev/null || true)
    [[ -n $line ]] || line="000 -"
    statuses+=("${line%% *}")
    [[ ${line%% *} != 000 ]] && answered=$((answered + 1))
    kv "$prefix.$i.status" "${line%% *}"
    kv "$prefix.$i.secs" "${line##* }"
    kv "$prefix.$i.body" "$(cat "$WORK/$prefix-body$i" 2>/dev/null || true)"
  done
  kv "$prefix.answered" "$answered"
  kv "$prefix.probes" "$probes"
  kv "$prefix.statuses" "${statuses[*]}"
  kv "$prefix.exit" "$code"
  kv "$prefix.exit_ms" "$((e - s))"
  log "$prefix: answered $answered/$probes (${statuses[*]}), exit $code after $((e - s)) ms"
}

# --- load and samples ------------------------------------------------------------------------------

# sample PID FILE: every second "epoch_ms threads rss_kb isoprobe_threads" until stopped; sets
# SAMPLER. Linux truncates thread names to 15 characters, enough for the isoprobe- prefix.
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

stop_sample() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; forget SAMPLER_PIDS "$1"; }

# window FILE FROM_MS TO_MS FIELD: "first min max last" of a sample column in a window; nothing
# when the window holds no sample.
window() {
  awk -v a="$2" -v b="$3" -v f="$4" '$1 >= a && $1 <= b {
      if (n == 0) { first = $f; min = $f; max = $f }
      if ($f + 0 < min + 0) min = $f
      if ($f + 0 > max + 0) max = $f
      last = $f; n++ }
    END { if (n) print first, min, max, last }' "$1"
}

# kv_window PREFIX FILE FROM_MS TO_MS FIELD NAMES: the window's "first min max last" of a sample
# column as PREFIX.NAME rows, NAMES naming the four ("-" skips one).
kv_window() {
  local prefix=$1 names=$6 w i name
  w=$(window "$2" "$3" "$4" "$5")
  read -ra w <<<"$w"
  i=0
  for name in $names; do
    if [[ $name != - ]]; then kv "${prefix:+$prefix.}$name" "${w[$i]:-}"; fi
    i=$((i + 1))
  done
}
# shellcheck disable=SC2034 # for the scripts that source this file
FOREVER=99999999999999 # TO_MS of a window without end

# --- Flight Recorder --------------------------------------------------------------------------------

# kv_jfr_events PREFIX FILE: counts isoprobe's events (dev.isoprobe.*) in the recording FILE with
# `jfr summary` (its output in FILE.summary): one PREFIX.<type> row per event type of isoprobe's
# in the recording (PREFIX.CheckSettled, ...) and PREFIX.isoprobe, their sum, also set as
# JFR_EVENTS. Both are empty when FILE is missing or jfr cannot read it: the count is unknown.
kv_jfr_events() {
  local prefix=$1 file=$2 type count
  JFR_EVENTS=
  if [[ ! -s $file ]]; then
    log "no recording at $file"
  elif ! jfr summary "$file" >"$file.summary" 2>&1; then
    log "jfr summary $file failed:"; cat "$file.summary" >&2
  else
    JFR_EVENTS=0
    while read -r type count; do
      kv "$prefix.${type#dev.isoprobe.}" "$count"
      JFR_EVENTS=$((JFR_EVENTS + count))
    done < <(awk '$1 ~ /^dev\.isoprobe\./ && $2 ~ /^[0-9]+$/ { print $1, $2 }' "$file.summary")
  fi
  kv "$prefix.isoprobe" "$JFR_EVENTS"
}

# --- wrk and other tools' RESULT lines -------------------------------------------------------------

# wrk_run NAME SCRIPT THREADS CONNECTIONS SECONDS TIMEOUT URL: output in WORK/NAME, figures in
# results.kv as NAME.* (kv_result). A failed run is logged, and its figures are missing.
wrk_run() {
  local name=$1 script=$2 threads=$3 conns=$4 secs=$5 to=$6 url=$7
  timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency --timeout "$to" \
    -s "$WORK/$script" "$url" >"$WORK/$name" 2>&1 || true
  grep -q '^RESULT ' "$WORK/$name" || { log "wrk $name failed:"; cat "$WORK/$name" >&2; }
  kv_result "$name"
}

# get NAME KEY: one figure of the RESULT line in WORK/NAME (wrk, RetryingProber); nothing when
# missing. Latencies are in microseconds.
get() {
  grep -h '^RESULT ' "$WORK/$1" 2>/dev/null | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2; exit }'
}

# kv_result NAME: every figure of the RESULT line in WORK/NAME as NAME.KEY rows, and dist.lua's
# percentiles as NAME.pct ("percentile:us ...").
kv_result() {
  local field pct
  for field in $(grep -h '^RESULT ' "$WORK/$1" 2>/dev/null | head -1 | cut -d' ' -f2-); do
    kv "$1.${field%%=*}" "${field#*=}"
  done
  pct=$(awk '/^PCT / { printf "%s%s:%s", (n++ ? " " : ""), $2, $3 }' "$WORK/$1" 2>/dev/null || true)
  if [[ -n $pct ]]; then kv "$1.pct" "$pct"; fi
}
