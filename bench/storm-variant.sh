#!/usr/bin/env bash
# Measures the diagram change recommended in README "Escalations on time" before anyone applies it: on the
# benchmark database of bench/run.sh (run that first), registers cases on petition-intake as shipped, deploys a
# variant without camunda:asyncBefore on service_record_acceptance_overdue (only into xf_bench), registers as many
# on it, then makes every acceptance-overdue timer of each version due at once, one version after the other.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-300}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-xfbench} PGPASSWORD=${PGPASSWORD:-xfbench}
ADMIN=admin:${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026}
WORK=${WORK:-/tmp/xinfang-bench}
mkdir -p "$WORK"
JAR=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
PGJAR=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | sort -V | tail -1)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/xf_bench"
POSTGRES_URL=$JDBC POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD XINFANG_DEMO_USERS=true XINFANG_DATA_DIR=$WORK \
  XINFANG_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-Bench-Admin-2026} \
  java -Xmx1g -jar "$JAR" --spring.profiles.active=postgres --server.address=127.0.0.1 --server.port="$PORT" \
  >"$WORK/variant-service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$BASE/actuator/health/readiness" >/dev/null && break; sleep 1; done
bench() { java -cp "$PGJAR" bench/Bench.java "$1" "$BASE" "$JDBC" "${@:2}"; }

SHIPPED=$(psql -d xf_bench -Atc "SELECT id_ FROM act_re_procdef WHERE key_ = 'petition-intake' ORDER BY version_ DESC LIMIT 1")
bench register "$N"
curl -sf -u "$ADMIN" "$BASE/engine-rest/process-definition/$SHIPPED/xml" \
  | python3 -c 'import json,sys; x=json.load(sys.stdin)["bpmn20Xml"]; print(x.replace("id=\"service_record_acceptance_overdue\" name=\"记录受理逾期\" camunda:delegateExpression=\"${recordOverdue}\" camunda:asyncBefore=\"true\"", "id=\"service_record_acceptance_overdue\" name=\"记录受理逾期\" camunda:delegateExpression=\"${recordOverdue}\""))' \
  >"$WORK/petition-intake-variant.bpmn"
grep -c 'service_record_acceptance_overdue" name="记录受理逾期" camunda:delegateExpression="${recordOverdue}">' "$WORK/petition-intake-variant.bpmn" >/dev/null
curl -sf -u "$ADMIN" -F deployment-name=bench-variant -F "data=@$WORK/petition-intake-variant.bpmn;filename=petition-intake.bpmn" \
  "$BASE/engine-rest/deployment/create" >/dev/null
VARIANT=$(psql -d xf_bench -Atc "SELECT id_ FROM act_re_procdef WHERE key_ = 'petition-intake' ORDER BY version_ DESC LIMIT 1")
[ "$VARIANT" != "$SHIPPED" ]
bench register "$N"
bench storm-variant "$SHIPPED" "$VARIANT" 240
