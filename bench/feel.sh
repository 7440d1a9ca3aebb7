#!/usr/bin/env bash
# The decision tables of a registration with Camunda's FEEL engine against the service's (parsed once), alternating
# rounds in one JVM (issue 12). Not part of `mvn verify`: it prints figures. Needs the jar of this tree (built if
# missing); no database.
#
#   bench/feel.sh              # 10 rounds of 20,000 registrations' tables each side
#   bench/feel.sh 5 5000       # quicker
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/xinfang-feel-bench}
jar=$(ls target/xinfang-flow-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$jar" ]; then
  mvn -q -DskipTests package
  jar=$(ls target/xinfang-flow-*.jar | grep -v original | head -1)
fi
rm -rf "$WORK" && mkdir -p "$WORK"
(cd "$WORK" && unzip -q "$OLDPWD/$jar" 'BOOT-INF/classes/cn/*' 'BOOT-INF/lib/*')
java -Xmx512m -cp "$WORK/BOOT-INF/classes:$WORK/BOOT-INF/lib/*" bench/FeelBench.java "${1:-10}" "${2:-20000}"
