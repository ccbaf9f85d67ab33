#!/usr/bin/env bash
# Outages of the services the ledger depends on (issue 19), in their long form: the suite's
# DatabaseRestartTest (PostgreSQL crashed and started again under load) and SinkOutageTest (Kafka
# and ClickHouse down together under load), run with a full minute of outage and more clients.
# Prints each run's figures (the lines docs/reliability.md reports) and keeps the whole log.
#
#   bench/faults-outages.sh                                   # 60 s outages, 8 clients
#   OUTAGE_SECONDS=20 OUTAGE_CLIENTS=4 bench/faults-outages.sh  # a quicker look
#
# Needs what scripts/test.sh sets up: PostgreSQL on 127.0.0.1:5432 (for the build's tests' own
# database, chipledger_outages_bench) and ClickHouse on 127.0.0.1:8123 (scripts/clickhouse.sh).
# Each test starts its own PostgreSQL (the embedded binaries, on a free port) and its own service;
# nothing shared is stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${OUTAGE_SECONDS:-60}
clients=${OUTAGE_CLIENTS:-8}
log=bench/faults-outages.log
database=chipledger_outages_bench

psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres \
     -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
curl -sf -m 60 http://127.0.0.1:8123/ --data-binary "DROP DATABASE IF EXISTS $database" >/dev/null
curl -sf -m 30 http://127.0.0.1:8123/ --data-binary "CREATE DATABASE $database" >/dev/null

mvn=mvn
command -v mvn >/dev/null || mvn=./mvnw
echo "Running DatabaseRestartTest and SinkOutageTest with ${seconds} s outages and ${clients} clients; the whole output in $log" >&2
# The tests log their progress every second; shown here as it comes, and the whole output kept in the log.
{ SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$database SPRING_DATASOURCE_USERNAME=postgres \
  CHIPLEDGER_CLICKHOUSE_URL="jdbc:clickhouse://127.0.0.1:8123/$database?compress=false" \
  "$mvn" -B ${MAVEN_OFFLINE:+-o} verify -pl api -Dtest='DatabaseRestartTest,SinkOutageTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspectral.skip -Dchipledger.outage.seconds="$seconds" -Dchipledger.outage.clients="$clients" 2>&1; rc=$?; echo; echo "exit status $rc"; } \
  | tee "$log" | grep --line-buffered -E "commands sent|answers again|Caught up|Tests run:.*in io|OUTAGE-FIGURES" | cut -c1-400
status=$(grep -a "^exit status " "$log" | tail -1 | sed 's/exit status //')
echo "Figures:" >&2
grep -E "OUTAGE-FIGURES" "$log" | sed 's/.*\(OUTAGE-FIGURES\)/\1/'
exit "$status"
