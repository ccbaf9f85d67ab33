#!/usr/bin/env bash
# Runs one fault test of the suite in its long form (issue 19), for bench/faults-kill.sh and bench/faults-nodes.sh:
#
#   bench/faults.sh <test class> <database name> <the calling script>
#
# Builds the packaged jar, which the test then runs in processes of its own (FAULTS_JAR), on a fresh database of that
# name on the local PostgreSQL (127.0.0.1:5432, user PGUSER or postgres) and on ClickHouse (CHIPLEDGER_CLICKHOUSE_URL,
# else the local one, started by scripts/clickhouse.sh), with the Kafka broker in the test's JVM. The FAULTS_* settings
# (api/src/test/java/io/chipledger/api/fault/FaultSettings.java) pass through the environment. Prints the figures
# (also in api/target/faults/<crash|nodes>.md); Maven's output goes to bench/faults-<database>.log, the services' logs
# to api/target/faults/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -eq 3 ] || { echo "usage: bench/faults.sh <test class> <database name> <the calling script>" >&2; exit 2; }
test_class=$1 database=$2 caller=$3

command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 \
  || { echo "no PostgreSQL answers on 127.0.0.1:5432 (scripts/test.sh starts or installs one)" >&2; exit 1; }
if [ -z "${CHIPLEDGER_CLICKHOUSE_URL:-}" ]; then
  CHIPLEDGER_CLICKHOUSE_URL=$(bash scripts/clickhouse.sh) || { echo "no ClickHouse: set CHIPLEDGER_CLICKHOUSE_URL" >&2; exit 1; }
fi
MAVEN=./mvnw
command -v mvn >/dev/null 2>&1 && MAVEN=mvn

echo "[faults] building api/target/chipledger.jar"
"$MAVEN" -B -q -DskipTests -Dspectral.skip package -pl api -am

export CHIPLEDGER_CLICKHOUSE_URL
export SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/postgres
export SPRING_DATASOURCE_USERNAME=${PGUSER:-postgres} SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-}
export FAULTS_DATABASE=$database FAULTS_JAR=$PWD/api/target/chipledger.jar
# How the figures were made, as the report says it: the settings, then the script.
export FAULTS_COMMAND="FAULTS_KILLS=$FAULTS_KILLS FAULTS_CLIENTS=$FAULTS_CLIENTS FAULTS_SECONDS=$FAULTS_SECONDS FAULTS_WALLETS=$FAULTS_WALLETS $caller"
log=bench/faults-$database.log
echo "[faults] $test_class: $FAULTS_COMMAND (Maven's output in $log)"
report=api/target/faults/$([ "$test_class" = CrashTest ] && echo crash || echo nodes).md
rm -f "$report"
status=0
"$MAVEN" -B -pl api -am test -Dtest="$test_class" -Dsurefire.failIfNoSpecifiedTests=false -Dspectral.skip > "$log" 2>&1 || status=$?
[ -f "$report" ] && cat "$report"
[ "$status" -eq 0 ] || { echo "[faults] $test_class failed (exit $status): see $log and api/target/faults/*.log" >&2; tail -n 40 "$log" >&2; }
exit "$status"
