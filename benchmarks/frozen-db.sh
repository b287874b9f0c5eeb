#!/usr/bin/env bash
# A frozen PostgreSQL, side by side (issue 30): the Spring Boot example on Tomcat, readiness over
# Boot's db contributor and a HikariCP pool, each target with a PostgreSQL cluster of its own on
# 127.0.0.1, frozen by SIGSTOP of every one of its processes (connections stay open, nothing
# answers), then thawed. The targets, one after the other:
#   actuator   isoprobe.enabled=false: Actuator's /actuator/health/readiness (its group holds db)
#   indicator  isoprobe running Boot's db indicator as it is (no deadline reaches the driver)
#   boot       isoprobe as the starter runs Boot's db: a JdbcCheck over the same pool
#   busy       the same, HikariCP lending connections without checking an idle one first, as a
#              busy service's connections are lent: the check's own connection meets the freeze
# A probe every PERIOD_SECS, as a kubelet with timeoutSeconds: 1 sends them (curl -m 1): before,
# during and after the freeze; 250 ms (isoprobe's unwind grace) after each answer, a thread dump
# (Actuator's threaddump endpoint) counts the threads inside PgJDBC or HikariCP, and Actuator's
# metrics the pool's connections. After the thaw, a probe every 100 ms until one is 200 (at most
# READY_SECS); AFTER_SECS later, the threads in the driver and the pool once more. Writes
# benchmarks/results/<timestamp>-frozen-db/frozen-db.md (printed too), from results.kv there.
# See docs/benchmarks.md, "A frozen database".
#
#   benchmarks/frozen-db.sh                 # about 5 minutes; as root, PostgreSQL runs as postgres
#   SKIP_BUILD=1 FREEZE_SECS=10 TARGETS="boot busy" benchmarks/frozen-db.sh
#
# Settings (environment, whole seconds): FREEZE_SECS (30), PERIOD_SECS (2), AFTER_SECS (15),
# READY_SECS (30); PG_PORT (15433), TARGETS ("actuator indicator boot busy"), JAVA_OPTS
# (-Xms256m -Xmx256m), SKIP_BUILD, MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

FREEZE_SECS=${FREEZE_SECS:-30}
PERIOD_SECS=${PERIOD_SECS:-2}
AFTER_SECS=${AFTER_SECS:-15}
READY_SECS=${READY_SECS:-30}
PG_PORT=${PG_PORT:-15433}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx256m}
GRACE_SECS=0.25 # isoprobe's unwind grace: a check's thread has left the driver by then
read -ra TARGETS <<<"${TARGETS:-actuator indicator boot busy}"

# shellcheck source=benchmarks/lib.sh
source benchmarks/lib.sh
for setting in FREEZE_SECS PERIOD_SECS AFTER_SECS READY_SECS PG_PORT; do
  [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || { log "$setting: ${!setting} (expected: a whole number above 0)"; exit 2; }
done
# The freeze lasts as long as its probes take: a whole number of periods, at least one.
if (( FREEZE_SECS % PERIOD_SECS != 0 )); then
  log "FREEZE_SECS: $FREEZE_SECS (expected: a multiple of PERIOD_SECS, $PERIOD_SECS)"
  exit 2
fi
for target in "${TARGETS[@]}"; do
  case $target in actuator | indicator | boot | busy) ;; *) log "TARGETS: unknown target $target"; exit 2 ;; esac
done

# --- PostgreSQL: a cluster of the script's own, from the machine's server binaries ---------------

PG_BIN=$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -1 || true)
[[ -x $PG_BIN/postgres ]] || { log "no PostgreSQL server in /usr/lib/postgresql (apt-get install -y postgresql)"; exit 2; }
PG_DATA=
PG_LOG=
# pg COMMAND ARGS...: a PostgreSQL program, as the postgres user when run as root (as it requires).
pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; else "$PG_BIN/$1" "${@:2}"; fi
}
# pg_start NAME: a new cluster on PG_PORT; pg_stop keeps its log as WORK/NAME-postgres.log.
pg_start() {
  PG_DATA=$(mktemp -d /tmp/isoprobe-frozen-db-XXXXXX)
  PG_LOG=$WORK/$1-postgres.log
  if [[ $(id -u) == 0 ]]; then chown postgres "$PG_DATA"; fi
  pg initdb -D "$PG_DATA" -U postgres --auth=trust --no-sync -E UTF8 >"$WORK/initdb.log"
  # The log in the data directory, where the postgres user can always write (WORK may be
  # under a directory only root can enter).
  pg pg_ctl -D "$PG_DATA" -w -t 60 -l "$PG_DATA/server.log" \
    -o "-p $PG_PORT -k $PG_DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
}
# pg_pids: the postmaster, then every process under it now; nothing unless the PID in
# postmaster.pid is this cluster's postmaster (a PID the system has since given another
# process is not signalled).
pg_pids() {
  local postmaster
  postmaster=$(head -1 "$PG_DATA/postmaster.pid")
  tr '\0' ' ' <"/proc/$postmaster/cmdline" 2>/dev/null | grep -qF -- "$PG_DATA" || return 0
  echo "$postmaster"
  ps -o pid= --ppid "$postmaster" || true
}
pg_signal() { pg_pids | xargs -r kill -s "$1"; }
# pg_stop: resumed (should it be frozen), stopped, its log kept, its files deleted.
pg_stop() {
  [[ -n $PG_DATA ]] || return 0
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    pg_signal CONT || true
    pg pg_ctl -D "$PG_DATA" -m immediate -w stop >/dev/null || true
  fi
  cp "$PG_DATA/server.log" "$PG_LOG" 2>/dev/null || true
  rm -rf "$PG_DATA"
  PG_DATA=
}
trap 'pg_stop; cleanup' EXIT

# --- what a probe sees, and what the app holds ------------------------------------------------------

# probe URL PATH: one probe, answered within 1 s or not at all; prints "status ms reason", the
# reason being isoprobe's (timeout, stuck) or "-".
probe() {
  local answer status secs ms body reason=-
  answer=$(curl -s -m 1 -o "$WORK/body" -w '%{http_code} %{time_total}' "$1$2" || true)
  status=${answer%% *} secs=${answer##* }
  body=$(cat "$WORK/body" 2>/dev/null || true)
  rm -f "$WORK/body"
  case $body in *"failed: stuck"*) reason=stuck ;; *"failed: timeout"*) reason=timeout ;; esac
  ms=$(calc "$secs * 1000" | cut -d. -f1)
  printf '%s %s %s\n' "${status:-000}" "${ms:-1000}" "$reason"
}

# driver_threads URL: "request check borrow": the threads with a frame in PgJDBC or HikariCP, as
# Tomcat's request threads, isoprobe's (check lanes and the rest) and JdbcCheck's borrow thread;
# the pool's own threads (HikariPool-*) are not counted. From Actuator's threaddump endpoint:
# one HTTP call, where jcmd would start a JVM and land hundreds of ms later. "? ? ?" unless a
# whole dump came (an error status, or one cut off by the time limit, is no dump).
driver_threads() {
  local dump
  dump=$(curl -sf -m 2 -H 'Accept: text/plain' "$1/actuator/threaddump") || { echo '? ? ?'; return 0; }
  awk '
    function flush() { if (inside) { if (name ~ /^http-nio-/) web++; else if (name ~ /^isoprobe-jdbc-borrow/) borrow++;
                                     else if (name ~ /^isoprobe-/) lane++ } inside = 0 }
    /^"/ { flush(); threads++; name = substr($0, 2, index(substr($0, 2), "\"") - 1); next }
    /^\tat (org\.postgresql\.|com\.zaxxer\.hikari\.)/ { inside = 1 }
    END { flush(); if (threads) print web + 0, lane + 0, borrow + 0; else print "? ? ?" }' <<<"$dump"
}

# pool URL METER: a HikariCP gauge through Actuator's metrics endpoint, as an integer; "?" when
# the endpoint does not answer with one.
pool() {
  curl -s -m 2 "$1/actuator/metrics/hikaricp.connections.$2" |
    grep -o '"value":[0-9.E]*' | head -1 | cut -d: -f2 | awk '{ printf "%d", $1 } END { if (!NR) print "?" }'
}

# --- one target ----------------------------------------------------------------------------------------

# wait_until SECONDS COMMAND...: runs COMMAND every 100 ms until it succeeds; fails after SECONDS.
wait_until() {
  local end=$(( $(now_ms) + $1 * 1000 ))
  shift
  until "$@"; do
    (( $(now_ms) < end )) || return 1
    sleep 0.1
  done
}
ready() { [[ $(probe "$1" "$2") == 200* ]]; }
pool_full() { local idle; idle=$(pool "$1" idle); [[ $idle != "?" && $idle == "$(pool "$1" min)" ]]; }

# probes T URL PATH PHASE COUNT: COUNT probes PERIOD_SECS apart, each line "status ms reason
# request check borrow active" in WORK/T.PHASE.
probes() {
  local t=$1 url=$2 path=$3 file=$WORK/$1.$4 i next answer
  : >"$file"
  for ((i = 0; i < $5; i++)); do
    next=$(( $(now_ms) + PERIOD_SECS * 1000 ))
    answer=$(probe "$url" "$path")
    sleep "$GRACE_SECS"
    printf '%s %s %s\n' "$answer" "$(driver_threads "$url")" "$(pool "$url" active)" >>"$file"
    log "$t $4 probe $((i + 1)): $(tail -1 "$file")"
    while (( $(now_ms) < next )); do sleep 0.05; done
  done
}

# kv_phase T PHASE: the figures of a phase's probes as T.PHASE.* rows. Statuses: 200, 503
# `timeout`, 503 `stuck`, 503 for another reason, any other status, none within 1 s (000).
kv_phase() {
  local file=$WORK/$1.$2 p=$1.$2
  kv "$p.probes" "$(wc -l <"$file")"
  kv "$p.ok" "$(awk '$1 == 200' "$file" | wc -l)"
  kv "$p.timeout" "$(awk '$1 == 503 && $3 == "timeout"' "$file" | wc -l)"
  kv "$p.stuck" "$(awk '$1 == 503 && $3 == "stuck"' "$file" | wc -l)"
  kv "$p.down" "$(awk '$1 == 503 && $3 == "-"' "$file" | wc -l)"
  kv "$p.wrong" "$(awk '$1 != 200 && $1 != 503 && $1 != "000"' "$file" | wc -l)"
  kv "$p.none" "$(awk '$1 == "000"' "$file" | wc -l)"
  # "-" when no probe was answered at all (Actuator's, for one).
  kv "$p.slowest_ms" "$(awk '$1 != "000" { n++; if ($2 + 0 > m + 0) m = $2 } END { print (n ? m + 0 : "-") }' "$file")"
  kv "$p.answers" "$(awk '{ printf "%s%s%s", (NR > 1 ? " " : ""), $1, ($3 == "-" ? "" : "-" $3) }' "$file")"
  local column field=4
  for column in request check borrow active; do
    # The most of a column over the phase's probes; missing when a probe has no figure there
    # (no thread dump, no gauge): the most of the others could hide it.
    kv "$p.$column.max" "$(awk -v f="$field" '$f !~ /^[0-9]+$/ { unknown = 1 } $f + 0 >= m + 0 { m = $f }
      END { if (NR && !unknown) print m + 0 }' "$file")"
    field=$((field + 1))
  done
}

run_target() {
  local t=$1 path url
  path=$(ready_path "$t")
  [[ $t == actuator ]] || path="$path?verbose"
  pg_start "$t"
  start_app "$t" "$t" db="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  url=$URL
  wait_until "$READY_SECS" ready "$url" "$path" || log "$t: readiness not 200 within $READY_SECS s"
  # HikariCP fills the pool to its minimum idle in the background after the first borrow.
  wait_until 30 pool_full "$url" || log "$t: the pool did not reach its minimum idle in 30 s"
  kv "$t.pool.min" "$(pool "$url" min)"
  kv "$t.pool.idle.before" "$(pool "$url" idle)"
  kv "$t.pool.active.before" "$(pool "$url" active)"
  probes "$t" "$url" "$path" before 2
  kv_phase "$t" before

  log "$t: freezing PostgreSQL for ${FREEZE_SECS} s (load $(loadavg))"
  kv "load.$t" "$(loadavg)"
  pg_signal STOP
  probes "$t" "$url" "$path" freeze $((FREEZE_SECS / PERIOD_SECS))
  kv_phase "$t" freeze
  pg_signal CONT
  local thawed ready_ms=none
  thawed=$(now_ms)
  # "none": not ready within READY_SECS, which the report judges as a failure, not as unknown.
  if wait_until "$READY_SECS" ready "$url" "$path"; then ready_ms=$(( $(now_ms) - thawed )); fi
  kv "$t.ready_ms" "$ready_ms"
  log "$t: thawed; ready after $ready_ms ms"

  while (( $(now_ms) < thawed + AFTER_SECS * 1000 )); do sleep 0.2; done
  local after
  read -ra after <<<"$(driver_threads "$url")"
  kv "$t.after.request" "${after[0]}"
  kv "$t.after.check" "${after[1]}"
  kv "$t.after.borrow" "${after[2]}"
  kv "$t.pool.active.after" "$(pool "$url" active)"
  kv "$t.pool.idle.after" "$(pool "$url" idle)"
  probes "$t" "$url" "$path" after 2
  kv_phase "$t" after
  stop_app "$PID" "$url"
  # The connections JdbcCheck aborted, as HikariCP logs evicting each (SQLState 08003).
  kv "$t.aborted" "$(grep -c 'marked as broken because of SQLSTATE(08003)' "$WORK/$t.log" || true)"
  pg_stop
}

# --- the run ---------------------------------------------------------------------------------------------

results_dir -frozen-db
build examples/spring-boot-app benchmarks
kv report frozen-db
kv stamp "$STAMP"
kv_limits
kv_machine
kv postgres "$("$PG_BIN/postgres" --version)"
kv targets "${TARGETS[*]}"
kv freeze_secs "$FREEZE_SECS"
kv period_secs "$PERIOD_SECS"
kv after_secs "$AFTER_SECS"
kv ready_secs "$READY_SECS"
kv grace_ms 250
for target in "${TARGETS[@]}"; do
  run_target "$target"
done
render "$WORK/frozen-db.md"
