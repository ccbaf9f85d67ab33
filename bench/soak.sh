#!/usr/bin/env bash
# The bounded soak of issue 19 in one command: builds the jar if needed, makes a fresh database
# (chipledger_soak, and a ClickHouse database of the same name when ClickHouse answers on 8123, so
# the sink runs too), starts the service with every background part on, and drives a steady,
# open-loop load of money commands (bench/SoakLoad.java) while sampling memory, latency,
# throughput, errors and every processor's lag. Writes bench/results/soak-<time>.csv, .png (the
# plot), -summary.md (figures by third and the verdict), -service.log and -gc.log, and exits 1
# when the soak was not flat (the rule: bench/SoakVerdict.java, docs/reliability.md).
#
#   bench/soak.sh                                   # 30 minutes at 30 commands/s
#   SOAK_MINUTES=3 SOAK_WARMUP_SECONDS=30 bench/soak.sh   # a quick look
#
# Settings (environment), defaults in brackets:
#   SOAK_MINUTES [30]  SOAK_RATE [30] (commands/s, all clients together: with every background part on,
#   100/s took 80-90% of a core and, beside other engineers' test suites, more than the service got, so
#   the schedule fell behind; 30/s leaves room, so flatness says something about the service)
#   SOAK_CLIENTS [16] (threads with a keep-alive connection each)  SOAK_SAMPLE_SECONDS [10]
#   SOAK_WARMUP_SECONDS [60] (same load, not sampled)  SOAK_WALLETS [1000]  SOAK_PORT [18190]
#   SOAK_LAG_BOUND [10 x SOAK_RATE] (events)  SOAK_JAVA [java] (the service's)  SOAK_JAVA_OPTS [-Xmx2g]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bench_fresh_databases chipledger_soak
bench_clickhouse_database chipledger_soak
bench_build_jar
bench_compile_classes

mkdir -p bench/results
prefix=bench/results/soak-$(date -u +%Y%m%dT%H%M%SZ)
echo "soak: results in $prefix.*; machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg); ClickHouse sink: ${CHIPLEDGER_CLICKHOUSE_URL:-off}"
exec java -Djava.awt.headless=true -cp "$BENCH_CLASSES_DIR" Soak api/target/chipledger.jar \
  jdbc:postgresql://127.0.0.1:5432/chipledger_soak "$prefix"
