#!/usr/bin/env bash
# Benchmark of issue 14 item 1 (统计分析): a year's report on 200,000 cases on PostgreSQL. Not part of `mvn verify`.
#
#   bench/statistics.sh                 # 200,000 cases of 2025, ~5 min on 2 cores
#   CASES=50000 bench/statistics.sh     # smaller and quicker
#
# Starts the service (the jar of this tree, built if missing) on PostgreSQL on loopback only, like bench/run.sh:
# the Debian PostgreSQL 15 cluster (`pg_ctlcluster 15 main start`, run as root) or any server given by
# PGHOST/PGPORT with a role that may create databases. A fresh database `xf_stats_bench` each run; the cases are
# written straight into the ledger (bench/statistics.sql), then timed over HTTP as the page asks for them:
# GET /api/statistics for the year by month (the JSON of the page), by quarter, one unit's year, and the
# monthly 信访情况统计表 as Excel. Prints seconds (each request three times, the service warmed up first).
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-200000}
YEAR=${YEAR:-2025}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-xfbench} PGPASSWORD=${PGPASSWORD:-xfbench}
ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026}
DB=xf_stats_bench
WORK=${WORK:-/tmp/xinfang-stats-bench}
mkdir -p "$WORK"

. bench/postgres-service.sh
fresh_database
start_service

log "generating $CASES cases of $YEAR (bench/statistics.sql)"
t0=$(date +%s)
psql -q -d $DB -v cases="$CASES" -v year="$YEAR" -f bench/statistics.sql
log "generated in $(( $(date +%s) - t0 ))s: $(psql -d $DB -Atc 'SELECT COUNT(*) FROM xf_petition') cases, \
$(psql -d $DB -Atc 'SELECT COUNT(*) FROM xf_petition_event') journal entries, \
$(psql -d $DB -Atc 'SELECT COUNT(*) FROM xf_evaluation') evaluations"

# seconds of one request as office1 (oversight: every unit); fails on anything but 200
timed() {
  local out; out=$(curl -s -o "$WORK/last" -w '%{http_code} %{time_total}' -u office1:demo "$BASE$1")
  [ "${out%% *}" = 200 ] || { log "HTTP ${out%% *} for $1: $(head -c 400 "$WORK/last")"; exit 1; }
  echo "${out#* }"
}
row() {
  local label=$1 path=$2 a b c
  a=$(timed "$path"); b=$(timed "$path"); c=$(timed "$path")
  printf '| %s | %s | %s | %s |\n' "$label" "$a" "$b" "$c"
}

log "warming up"
timed "/api/statistics?from=$YEAR-01-01&to=$YEAR-01-31&period=month" >/dev/null
timed "/api/statistics/export?from=$YEAR-01-01&to=$YEAR-01-31" >/dev/null

echo
echo "Statistics benchmark (issue 14), $(date -u +%Y-%m-%d) on $(nproc) cores, PostgreSQL $(psql -d $DB -Atc 'SHOW server_version'),"
echo "$CASES cases registered in $YEAR; seconds per request (three runs):"
echo
echo "| report | run 1 | run 2 | run 3 |"
echo "|---|---|---|---|"
row "year's report by month (GET /api/statistics, JSON of the page)" "/api/statistics?from=$YEAR-01-01&to=$YEAR-12-31&period=month"
row "year's report by quarter" "/api/statistics?from=$YEAR-01-01&to=$YEAR-12-31&period=quarter"
row "one unit's year by month (unit=unit-hr)" "/api/statistics?from=$YEAR-01-01&to=$YEAR-12-31&period=month&unit=unit-hr"
row "monthly 信访情况统计表 as Excel (June)" "/api/statistics/export?from=$YEAR-06-01&to=$YEAR-06-30"
row "year's 信访情况统计表 as Excel" "/api/statistics/export?from=$YEAR-01-01&to=$YEAR-12-31"
