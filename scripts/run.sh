#!/usr/bin/env bash
# Runs the ChipLedger service on port 8080 (SERVER_PORT), building it first if needed.
#
# With no SPRING_DATASOURCE_URL it starts an embedded PostgreSQL that keeps its data in ./data
# (CHIPLEDGER_DATA_DIR), so a restart keeps the ledger. CHIPLEDGER_ADMIN_KEY is the bootstrap
# admin key (role super); without it only admin keys issued earlier open the admin API. ClickHouse
# (analytics) is started with scripts/clickhouse.sh where the machine allows.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=api/target/chipledger.jar
newest_source=$(find pom.xml ledger-core projections analytics api -newer "$JAR" \( -name '*.java' -o -name '*.xml' -o -name '*.yml' -o -name '*.sql' \) -not -path '*/target/*' 2>/dev/null | head -n 1 || true)
if [ ! -f "$JAR" ] || [ -n "$newest_source" ]; then
  echo "[run.sh] building $JAR"
  MAVEN=./mvnw
  command -v mvn >/dev/null 2>&1 && MAVEN=mvn
  "$MAVEN" -B -q package -DskipTests
fi
# Analytics (issue 14): a local ClickHouse where the machine allows, else the service says analytics is off.
if [ -z "${CHIPLEDGER_CLICKHOUSE_URL:-}" ]; then
  if CHIPLEDGER_CLICKHOUSE_URL=$(bash scripts/clickhouse.sh); then
    export CHIPLEDGER_CLICKHOUSE_URL
    echo "[run.sh] analytics on: ClickHouse at $CHIPLEDGER_CLICKHOUSE_URL"
  else
    unset CHIPLEDGER_CLICKHOUSE_URL
    echo "[run.sh] analytics off: no ClickHouse could be started (set CHIPLEDGER_CLICKHOUSE_URL to use one)"
  fi
fi
exec java ${JAVA_OPTS:-} -jar "$JAR" "$@"
