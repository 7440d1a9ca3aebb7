#!/usr/bin/env bash
# Benchmark of issue 12 ("Fast at the size of a city"). Not part of `mvn verify`.
#
#   bench/run.sh                       # 20,000 open / 200,000 finished cases, ~12 min on 2 cores
#   OPEN=5000 FINISHED=50000 bench/run.sh   # smaller and quicker
#
# Starts the service (the jar of this tree, built if missing) on PostgreSQL on loopback only: the Debian
# PostgreSQL 15 cluster (`pg_ctlcluster 15 main start`, run as root) or any server given by PGHOST/PGPORT with a
# role that may create databases. A fresh database `xf_bench` each run. Prints the issue's table: each figure
# with its baseline measured in the same run, and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

OPEN=${OPEN:-20000}
FINISHED=${FINISHED:-200000}
ROUND_SECONDS=${ROUND_SECONDS:-20}
SAMPLES=${SAMPLES:-40}
STORM_TIMEOUT=${STORM_TIMEOUT:-240}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-xfbench} PGPASSWORD=${PGPASSWORD:-xfbench}
export BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026}
DB=xf_bench
WORK=${WORK:-/tmp/xinfang-bench}
mkdir -p "$WORK"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# --- PostgreSQL ------------------------------------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  log "starting PostgreSQL 15 (pg_ctlcluster 15 main start)"
  pg_ctlcluster 15 main start
fi
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
  # as the server's superuser over the local socket (not as the benchmark role the PG* variables name)
  SUPER="env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD psql -d postgres"
  su postgres -c "$SUPER -qtc \"SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'\"" | grep -q 1 \
    || su postgres -c "$SUPER -qc \"CREATE ROLE $PGUSER LOGIN CREATEDB PASSWORD '$PGPASSWORD'\""
  su postgres -c "$SUPER -qc 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB OWNER $PGUSER'"
else
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi

# --- the service -----------------------------------------------------------------------------------------
JAR=$(ls target/xinfang-flow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
  JAR=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
fi
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort -V | tail -1)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"

start_service() {
  POSTGRES_URL=$JDBC POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD XINFANG_DEMO_USERS=true \
  XINFANG_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD XINFANG_DATA_DIR=$WORK \
    java -Xmx1g -jar "$JAR" --spring.profiles.active=postgres --server.address=127.0.0.1 --server.port="$PORT" \
    >"$WORK/service.log" 2>&1 &
  echo $! >"$WORK/service.pid"
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 900); do
    if curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1; then
      python3 -c "print(round($(date +%s.%N) - $t0, 1))"
      return
    fi
    sleep 0.5
  done
  log "the service did not become ready; see $WORK/service.log"; exit 1
}
stop_service() {
  if [ -f "$WORK/service.pid" ]; then kill "$(cat "$WORK/service.pid")" 2>/dev/null || true; sleep 3; rm -f "$WORK/service.pid"; fi
}
trap stop_service EXIT

bench() { java -cp "$PGJAR" bench/Bench.java "$1" "$BASE" "$JDBC" "${@:2}"; }

log "service: start on an empty database (creates the schema)"
READY=$(start_service)
log "ready in ${READY}s"

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

log "escalation storm: every registration's and every baseline's overdue timer due now"
bench storm "$STORM_TIMEOUT" | tee -a "$WORK/bench.log" | grep '^|' >>"$WORK/table.md"

echo "| start to ready, s (empty database: schema, organization, calendar) | $READY | not measured | | ≤ 1.2× baseline |" >>"$WORK/table.md"
echo
echo "Issue 12 benchmark, $(date -u +%Y-%m-%d) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
cat "$WORK/table.md"
