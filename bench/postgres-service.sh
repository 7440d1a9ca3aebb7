# Sourced by the benchmark scripts (bench/search.sh, bench/statistics.sh): a fresh PostgreSQL database and the
# service of this tree started on it, on loopback only. Expects PGHOST/PGPORT/PGUSER/PGPASSWORD, DB, WORK and
# ADMIN_PASSWORD to be set; sets BASE (the service's URL) and stops the service when the script exits.
#
# PostgreSQL: the Debian cluster (`pg_ctlcluster 15 main start`, run as root) or any server given by PGHOST/PGPORT
# with a role that may create databases.

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

fresh_database() {
  if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    log "starting PostgreSQL 15 (pg_ctlcluster 15 main start)"
    pg_ctlcluster 15 main start
  fi
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    local super="env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD psql -d postgres"
    su postgres -c "$super -qtc \"SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'\"" | grep -q 1 \
      || su postgres -c "$super -qc \"CREATE ROLE $PGUSER LOGIN CREATEDB PASSWORD '$PGPASSWORD'\""
    su postgres -c "$super -qc 'DROP DATABASE IF EXISTS $DB' -c 'CREATE DATABASE $DB OWNER $PGUSER'"
  else
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
  fi
}

start_service() {
  local jar
  jar=$(ls target/xinfang-flow-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$jar" ]; then
    log "building the jar (mvn -q -DskipTests package)"
    mvn -q -DskipTests package
    jar=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  BASE=http://127.0.0.1:$port
  POSTGRES_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" POSTGRES_USER=$PGUSER POSTGRES_PASSWORD=$PGPASSWORD \
  XINFANG_DEMO_USERS=true XINFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD XINFANG_DATA_DIR=$WORK \
    java -Xmx1g -jar "$jar" --spring.profiles.active=postgres --server.address=127.0.0.1 --server.port="$port" \
    >"$WORK/service.log" 2>&1 &
  echo $! >"$WORK/service.pid"
  trap 'kill "$(cat "$WORK/service.pid")" 2>/dev/null || true' EXIT
  log "service starting on $BASE (log: $WORK/service.log)"
  for _ in $(seq 1 900); do
    curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "$BASE/actuator/health/readiness" >/dev/null || { log "the service did not become ready; see $WORK/service.log"; exit 1; }
}
