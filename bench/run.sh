#!/usr/bin/env bash
# The performance harness (issue 3) in one command: builds the jar if needed, makes fresh
# databases on the local PostgreSQL (chipledger_bench for the service, chipledger_rowlock_bench
# for the row-lock design), and runs bench/LoadHarness.java, which starts the service itself.
#
#   bench/run.sh                     # the full run: 10,000 wallets, 16/64/256 clients, 1,000,000-event store
#   BENCH_SECONDS=10 BENCH_STORE_EVENTS=100000 BENCH_HOT_WALLET_EVENTS=10000 bench/run.sh   # a quick look
#
# Settings (environment): BENCH_SECONDS, BENCH_WALLETS, BENCH_CONCURRENCY ("16 64 256"),
# BENCH_STORE_EVENTS, BENCH_HOT_WALLETS, BENCH_HOT_WALLET_EVENTS, BENCH_LAG_RATE, BENCH_PORT, BENCH_BATCH_CLIENTS (4),
# BENCH_JAVA_OPTS (the service's JVM options, e.g. to add a profiler), BENCH_JAVA (the service's java, e.g. a newer JDK's),
# BENCH_WARMUP_SECONDS (15).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install postgresql-client" >&2; exit 1; }
psql() { command psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }
psql -d postgres -c "DROP DATABASE IF EXISTS chipledger_bench WITH (FORCE)" -c "CREATE DATABASE chipledger_bench" \
     -c "DROP DATABASE IF EXISTS chipledger_rowlock_bench WITH (FORCE)" -c "CREATE DATABASE chipledger_rowlock_bench"
psql -d chipledger_rowlock_bench -f bench/rowlock-schema.sql

# Every background part runs, as in production: the ClickHouse sink too when ClickHouse answers here
# (scripts/clickhouse.sh installs and starts it); the Kafka publisher always (in-JVM broker).
# ClickHouse 18.16 has been seen to wait forever on a DROP: a fresh database then, not a hung run.
if [ -z "${CHIPLEDGER_CLICKHOUSE_URL+x}" ] && curl -s -m 2 http://127.0.0.1:8123/ping >/dev/null 2>&1; then
  clickhouse_db=chipledger_bench
  if ! curl -sf -m 30 http://127.0.0.1:8123/ --data-binary "DROP DATABASE IF EXISTS $clickhouse_db" >/dev/null; then
    clickhouse_db=chipledger_bench_$(date +%s)
    echo "ClickHouse did not drop chipledger_bench within 30 s; using $clickhouse_db (restart ClickHouse to clean up)" >&2
  fi
  curl -sf -m 30 http://127.0.0.1:8123/ --data-binary "CREATE DATABASE $clickhouse_db" >/dev/null
  export CHIPLEDGER_CLICKHOUSE_URL="jdbc:clickhouse://127.0.0.1:8123/$clickhouse_db?compress=false"
fi

if [ ! -f api/target/chipledger.jar ] || [ -n "$(find . -path ./api/target -prune -o -newer api/target/chipledger.jar -name '*.java' -path '*/src/main/*' -print -quit)" ]; then
  if command -v mvn >/dev/null; then mvn -B -q package -DskipTests; else ./mvnw -B -q package -DskipTests; fi
fi

: > bench/service.log
exec java bench/LoadHarness.java api/target/chipledger.jar jdbc:postgresql://127.0.0.1:5432/chipledger_bench chipledger_rowlock_bench
