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
. bench/postgres-service.sh
fresh_database
start_service

log "generating $CASES cases (bench/search-generate.sql)"
t0=$(date +%s)
psql -q -d $DB -v cases="$CASES" -f bench/search-generate.sql
log "generated in $(( $(date +%s) - t0 ))s"

echo
echo "案件查询 benchmark, $(date -u +%Y-%m-%d), $CASES cases on PostgreSQL $(psql -d $DB -Atc 'SHOW server_version' | cut -d' ' -f1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $SAMPLES samples a search:"
python3 bench/SearchBench.py "$BASE" demo "$SAMPLES"
