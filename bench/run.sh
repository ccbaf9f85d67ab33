#!/usr/bin/env bash
# Starts ChipLedger against a fresh local PostgreSQL database (chipledger_bench), runs the load
# harness, prints its table and the service's RSS and CPU time, and stops the service.
#
#   bench/run.sh [seconds] [wallets] [concurrency...]     (defaults: 20 s, 1000 wallets, 16 64)
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${1:-20}
WALLETS=${2:-1000}
shift $(( $# > 2 ? 2 : $# )) || true
CONCURRENCY=${*:-16 64}
PORT=${BENCH_PORT:-18080}
ADMIN_KEY=bench-admin-key
DATABASE=chipledger_bench

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" -c "CREATE DATABASE $DATABASE"
[ -f api/target/chipledger.jar ] || ./mvnw -B -q package -DskipTests

SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DATABASE SPRING_DATASOURCE_USERNAME=postgres \
  CHIPLEDGER_ADMIN_KEY=$ADMIN_KEY SERVER_PORT=$PORT \
  java ${BENCH_JAVA_OPTS:--Xmx2g} -jar api/target/chipledger.jar > bench/service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
  sleep 1
done

java bench/LoadHarness.java "http://127.0.0.1:$PORT" "$ADMIN_KEY" "$SECONDS_PER_RUN" "$WALLETS" $CONCURRENCY
echo
echo "service RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVICE/status) / 1024 )) MiB," \
     "CPU time: $(ps -o cputime= -p $SERVICE | tr -d ' ')"
