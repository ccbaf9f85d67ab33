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
. bench/lib.sh

command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install postgresql-client" >&2; exit 1; }
bench_fresh_databases chipledger_bench chipledger_rowlock_bench
bench_psql -d chipledger_rowlock_bench -f bench/rowlock-schema.sql
bench_clickhouse_database chipledger_bench
bench_build_jar
bench_compile_classes

: > bench/service.log
exec java -cp "$BENCH_CLASSES_DIR" LoadHarness api/target/chipledger.jar jdbc:postgresql://127.0.0.1:5432/chipledger_bench chipledger_rowlock_bench
