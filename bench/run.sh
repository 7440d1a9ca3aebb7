#!/usr/bin/env bash
# Benchmark of issue 12 ("Fast at the size of a city"). Not part of `mvn verify`.
#
#   bench/run.sh                                   # 20,000 open / 200,000 finished cases, storms of 10,000 timers
#   OPEN=5000 FINISHED=50000 STORM=2000 WARMUP=500 bench/run.sh   # smaller and quicker
#
# Starts a PostgreSQL 15 of its own (initdb in $WORK/pg, a free loopback port; stopped at the end), or uses the server
# given by PGHOST/PGPORT (a role that may create databases). A fresh database `xf_bench` each run. Starts the service
# (the jar of this tree, built if missing) and, for the start-to-ready figure, a plain Camunda 7.24 application
# (bench/plain-camunda, built if missing) on a database of its own. Prints the issue's table: each figure with its
# baseline measured in the same run, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

OPEN=${OPEN:-20000}
FINISHED=${FINISHED:-200000}
STORM=${STORM:-10000}
# before each storm stage a warm-up storm of its own (the nodes' first escalations; printed as context, see Bench.storm)
WARMUP=${WARMUP:-2000}
ROUND_SECONDS=${ROUND_SECONDS:-20}
SAMPLES=${SAMPLES:-40}
STORM_TIMEOUT=${STORM_TIMEOUT:-900}
export BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026}
DB=xf_bench
WORK=${WORK:-/tmp/xinfang-bench}
mkdir -p "$WORK"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  for f in "$WORK"/service-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; rm -f "$f"; done
  sleep 3
  if [ -n "${OWN_PG:-}" ]; then $AS_PG "$PGBIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# --- PostgreSQL ------------------------------------------------------------------------------------------
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ -z "${PGPORT:-}" ]; then
  # a server of its own: not shared with other work on the machine, loopback only, trust for the local user
  OWN_PG=1
  export PGHOST=127.0.0.1 PGPORT=$(free_port) PGUSER=xfbench PGPASSWORD=xfbench
  AS_PG="sh -c"
  if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; AS_PG="su postgres -c"; fi
  rm -rf "$WORK/pg"
  $AS_PG "$PGBIN/initdb -D $WORK/pg -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$WORK/initdb.log"
  $AS_PG "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg.log -w -o '-p $PGPORT -k $WORK -c listen_addresses=127.0.0.1 \
    -c shared_buffers=256MB -c max_connections=200' start" >/dev/null
  psql -q -U postgres -d postgres -c "CREATE ROLE xfbench LOGIN CREATEDB PASSWORD 'xfbench'"
  log "PostgreSQL of its own on port $PGPORT ($WORK/pg)"
else
  export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-xfbench} PGPASSWORD=${PGPASSWORD:-xfbench}
fi
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" \
  -c "DROP DATABASE IF EXISTS xf_plain" -c "CREATE DATABASE xf_plain"

# --- the service -----------------------------------------------------------------------------------------
JAR=$(ls target/xinfang-flow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
  JAR=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
fi
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort -V | tail -1)
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
PLAIN=bench/plain-camunda/target/plain-camunda-1.jar
if [ ! -f "$PLAIN" ]; then
  log "building the plain Camunda application (bench/plain-camunda)"
  (cd bench/plain-camunda && mvn -q -DskipTests package)
fi

# starts a node of the service on a free port; prints "port seconds-to-ready"
start_service() {
  local port; port=$(free_port)
  POSTGRES_URL=$JDBC POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD XINFANG_DEMO_USERS=true \
  XINFANG_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD XINFANG_DATA_DIR=$WORK/data-$1 \
    java -Xmx1g -jar "$JAR" --spring.profiles.active=postgres --server.address=127.0.0.1 --server.port="$port" \
    >"$WORK/service-$1.log" 2>&1 &
  echo $! >"$WORK/service-$1.pid"
  wait_ready "http://127.0.0.1:$port/actuator/health/readiness" "$WORK/service-$1.log" "$port" $!
}
wait_ready() {
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 1800); do
    if ! kill -0 "$4" 2>/dev/null; then break; fi
    if curl -sf "$1" >/dev/null 2>&1; then
      echo "$3 $(python3 -c "print(round($(date +%s.%N) - $t0, 1))")"
      return
    fi
    sleep 0.5
  done
  log "not ready: see $2"; kill "$4" 2>/dev/null; exit 1
}
# the plain application, same JVM settings, on its own empty database; prints seconds to ready, then stops it
plain_start() {
  local port; port=$(free_port)
  POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/xf_plain" POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD \
    java -Xmx1g -jar "$PLAIN" --server.address=127.0.0.1 --server.port="$port" >"$WORK/plain.log" 2>&1 &
  local pid=$!
  wait_ready "http://127.0.0.1:$port/actuator/health/readiness" "$WORK/plain.log" "$port" $pid | cut -d' ' -f2
  kill $pid; wait $pid 2>/dev/null || true
}

# the running nodes' pids: Bench reads their CPU time (and PostgreSQL's) from /proc for the figures per call
bench() {
  BENCH_SERVICE_PIDS=$(cat "$WORK"/service-*.pid 2>/dev/null | paste -sd,) BENCH_CLK_TCK=$(getconf CLK_TCK) \
    java -cp "$PGJAR" bench/Bench.java "$1" "$BASE" "$JDBC" "${@:2}"
}

# start to ready: STARTS pairs of each kind, alternating, the median of each side (one start swings by seconds on
# a shared machine); the service keeps running after the last start
STARTS=${STARTS:-3}
median() { python3 -c 'import statistics, sys; print(round(statistics.median(map(float, sys.argv[1:])), 1))' "$@"; }
stop_service_1() {
  kill "$(cat "$WORK/service-1.pid")"; while kill -0 "$(cat "$WORK/service-1.pid")" 2>/dev/null; do sleep 0.5; done
}
log "start to ready on empty databases (schema created): plain Camunda, the service, alternating, $STARTS times"
PLAINS=(); READIES=()
for i in $(seq 1 "$STARTS"); do
  if [ "$i" -gt 1 ]; then
    stop_service_1
    psql -q -d postgres -c "DROP DATABASE $DB" -c "CREATE DATABASE $DB" \
      -c "DROP DATABASE xf_plain" -c "CREATE DATABASE xf_plain"
  fi
  P=$(plain_start); [ -n "$P" ] || { log "plain Camunda did not start"; exit 1; }
  read -r PORT R < <(start_service 1); [ -n "${R:-}" ] || { log "the service did not start"; exit 1; }
  PLAINS+=("$P"); READIES+=("$R")
done
PLAIN1=$(median "${PLAINS[@]}"); READY=$(median "${READIES[@]}")
log "empty: plain Camunda ${PLAINS[*]} s (median $PLAIN1), the service ${READIES[*]} s (median $READY)"
log "repeat starts on the existing databases, $STARTS times"
PLAINS=(); READIES=()
for i in $(seq 1 "$STARTS"); do
  P=$(plain_start); [ -n "$P" ] || { log "plain Camunda did not start again"; exit 1; }
  stop_service_1
  read -r PORT R < <(start_service 1); [ -n "${R:-}" ] || { log "the service did not start again"; exit 1; }
  PLAINS+=("$P"); READIES+=("$R")
done
PLAIN2=$(median "${PLAINS[@]}"); READY2=$(median "${READIES[@]}")
BASE=http://127.0.0.1:$PORT
log "existing: plain Camunda ${PLAINS[*]} s (median $PLAIN2), the service ${READIES[*]} s (median $READY2)"

log "deploying the baseline process (bench/baseline.bpmn), only in this benchmark database"
curl -sf -u "admin:$BENCH_ADMIN_PASSWORD" -F deployment-name=bench -F enable-duplicate-filtering=true \
  -F "data=@bench/baseline.bpmn" "$BASE/engine-rest/deployment/create" >/dev/null
# the desks start it like a registration; admin joins petition-office so a filter asks admin for the same groups
curl -sf -u "admin:$BENCH_ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"type":1,"permissions":["READ","CREATE_INSTANCE"],"groupId":"reception","resourceType":6,"resourceId":"bench-baseline"}' \
  "$BASE/engine-rest/authorization/create" >/dev/null
curl -sf -u "admin:$BENCH_ADMIN_PASSWORD" -X PUT "$BASE/engine-rest/group/petition-office/members/admin" >/dev/null

{
  echo "| figure | Xinfang Flow | baseline | ratio | goal |"
  echo "|---|---|---|---|---|"
} >"$WORK/table.md"

log "registrations on an empty database: ${ROUND_SECONDS}s rounds, alternating"
bench registrations "empty database" "$ROUND_SECONDS" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"
log "task lists on the registrations just made (small)"
bench tasklists "$(psql -d $DB -Atc 'SELECT COUNT(*) FROM act_ru_task') open tasks" 15 | tee -a "$WORK/bench.log" \
  | grep '^|' >>"$WORK/table.md"

log "generating $OPEN open and $FINISHED finished cases (bench/generate.sql)"
t0=$(date +%s)
psql -q -d $DB -v open="$OPEN" -v finished="$FINISHED" -f bench/generate.sql 2>&1 | grep -v '^$' || true
log "generated in $(( $(date +%s) - t0 ))s"

log "task lists at $OPEN open / $FINISHED finished"
bench tasklists "$OPEN open, $FINISHED finished" "$SAMPLES" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"
log "registrations at $FINISHED finished cases"
bench registrations "$FINISHED finished" "$ROUND_SECONDS" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"

log "open cases for two storms of $STORM timers each and their warm-ups of $WARMUP (registrations and baseline starts, 8 clients)"
bench fill $(( 2 * STORM + 2 * WARMUP )) | tee -a "$WORK/bench.log"
log "escalation storm on one node (after a warm-up storm)"
bench storm "one node" "$STORM" "$STORM_TIMEOUT" "$WARMUP" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"
log "second node on the same database, then the second storm (after a warm-up storm)"
read -r PORT2 READY3 < <(start_service 2)
log "node 2 ready in ${READY3}s"
bench storm "two nodes" "$STORM" "$STORM_TIMEOUT" "$WARMUP" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"

ratio() { python3 -c "print(round($1 / $2, 2))"; }
echo "| start to ready s, median of $STARTS, empty database (schema, organization, calendar) | $READY | $PLAIN1 | $(ratio "$READY" "$PLAIN1") | ≤ 1.2 |" >>"$WORK/table.md"
echo "| start to ready s, median of $STARTS, existing database | $READY2 | $PLAIN2 | $(ratio "$READY2" "$PLAIN2") | ≤ 1.2 |" >>"$WORK/table.md"
echo
echo "Issue 12 benchmark, $(date -u +%Y-%m-%d) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
cat "$WORK/table.md"
