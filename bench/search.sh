#!/usr/bin/env bash
# Benchmark of 案件查询 (issue 13): p50/p95 of the common searches through GET /api/cases on PostgreSQL with
# 200,000 generated cases. Not part of `mvn verify`, not a timed test: it prints figures.
#
#   bench/search.sh                    # 200,000 cases, 40 samples a search (~5 min on 2 cores)
#   CASES=50000 SAMPLES=20 bench/search.sh
#
# PostgreSQL as for bench/run.sh: the Debian cluster (`pg_ctlcluster 15 main start`, run as root) or any server
# given by PGHOST/PGPORT with a role that may create databases. A fresh database `xf_search_bench` each run
# (bench/run.sh uses `xf_bench`: both can run on one server). The service is the jar of this tree.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-200000}
SAMPLES=${SAMPLES:-40}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-xfsearch} PGPASSWORD=${PGPASSWORD:-xfsearch}
ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026}
DB=xf_search_bench
WORK=${WORK:-/tmp/xinfang-search-bench}
mkdir -p "$WORK"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  log "starting PostgreSQL 15 (pg_ctlcluster 15 main start)"
  pg_ctlcluster 15 main start
fi
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
  SUPER="env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD psql -d postgres"
  su postgres -c "$SUPER -qtc \"SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'\"" | grep -q 1 \
    || su postgres -c "$SUPER -qc \"CREATE ROLE $PGUSER LOGIN CREATEDB PASSWORD '$PGPASSWORD'\""
  su postgres -c "$SUPER -qc 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB OWNER $PGUSER'"
else
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi

JAR=$(ls target/xinfang-flow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  log "building the jar (mvn -q -DskipTests package)"
  mvn -q -DskipTests package
  JAR=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT

POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD \
XINFANG_DEMO_USERS=true XINFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD XINFANG_DATA_DIR=$WORK \
  java -Xmx1g -jar "$JAR" --spring.profiles.active=postgres --server.address=127.0.0.1 --server.port="$PORT" \
  >"$WORK/service.log" 2>&1 &
echo $! >"$WORK/service.pid"
trap 'kill "$(cat "$WORK/service.pid")" 2>/dev/null || true' EXIT
log "service starting on $BASE (log: $WORK/service.log)"
for _ in $(seq 1 900); do
  curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$BASE/actuator/health/readiness" >/dev/null || { log "the service did not become ready"; exit 1; }

log "generating $CASES cases (bench/search-generate.sql)"
t0=$(date +%s)
psql -q -d $DB -v cases="$CASES" -f bench/search-generate.sql
log "generated in $(( $(date +%s) - t0 ))s"

echo
echo "案件查询 benchmark, $(date -u +%Y-%m-%d), $CASES cases on PostgreSQL $(psql -d $DB -Atc 'SHOW server_version' | cut -d' ' -f1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $SAMPLES samples a search:"
python3 bench/SearchBench.py "$BASE" demo "$SAMPLES"
