#!/usr/bin/env bash
# Registrations per second of a running Xinfang Flow node: COUNT registrations over POST /api/petitions,
# PARALLEL at a time, as the demo clerk reception1. Used to measure what durable commits cost (README).
#   tools/registrations-per-second.sh [BASE_URL] [COUNT] [PARALLEL]
set -euo pipefail
base=${1:-http://localhost:8080}
count=${2:-300}
parallel=${3:-4}
run=$(date +%s%N)
start=$(date +%s.%N)
codes=$(seq "$count" | xargs -P "$parallel" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  -u reception1:demo -H 'Content-Type: application/json' \
  -d '{"channel":"VISIT","category":"LABOR","subject":"测速登记 '"$run"'-{}","content":"测速","realName":true,"headcount":1,"sourceLevel":"SELF","petitionerName":"测速","petitionerPhone":"1390000'"${run: -4}"'"}' \
  "$base/api/petitions")
end=$(date +%s.%N)
created=$(grep -c '^201$' <<<"$codes" || true)
echo "$created of $count answered 201 in $(echo "$end - $start" | bc) s: $(echo "scale=1; $created / ($end - $start)" | bc) registrations/s"
