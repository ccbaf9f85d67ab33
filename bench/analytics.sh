#!/usr/bin/env bash
# The analytics figures of issue 14 in one command: sink throughput and the GGR report over ten
# million postings (docs/performance.md, "Analytics"). Starts a ClickHouse server of its own, runs
#   bench/AnalyticsBench.java sink ggr   the sink's write path, then GgrReport over 10,000,000 postings
#   bench/AnalyticsEndToEnd.java         events written straight into a fresh PostgreSQL store, then the
#                                        service's clickhouse-sink processor timed catching up with them
#   bench/KafkaLatency.java              (phase kafka-latency, issue 16) the delay from a command's answer
#                                        to its message on Kafka, at fixed command rates
# and stops the server and drops the bench databases at the end.
#
#   bench/analytics.sh                                     # everything, about 8 minutes
#   BENCH_PHASES=ggr BENCH_GGR_POSTINGS=1000000 bench/analytics.sh   # a quick look at one phase
#   BENCH_PHASES=service BENCH_PROCESSOR=aml-engine BENCH_COMMAND_CLIENTS=16 bench/analytics.sh   # the AML engine (issue 15)
#   BENCH_PHASES=service BENCH_PROCESSOR=kafka-publisher bench/analytics.sh   # Kafka publish throughput (issue 16)
#   BENCH_PHASES=service BENCH_PROCESSOR=player-segments bench/analytics.sh   # the segment processor (issue 17)
#   BENCH_PHASES=kafka-latency bench/analytics.sh                            # Kafka end-to-end delay (issue 16)
#
# Nothing is built here (another build may be running in the same checkout): it needs the service jar
# (mvn -B -q -DskipTests package) and the analytics and ledger-core classes from that build.
#
# Settings (environment), defaults in brackets:
#   BENCH_PHASES ["sink ggr service"]   BENCH_JAR [api/target/chipledger.jar]
#   BENCH_CLASSES [analytics/target/classes:ledger-core/target/classes]   BENCH_WORK [/tmp/chipledger-analytics-bench]
#   BENCH_SINK_EVENTS [1000000]  BENCH_BATCH_EVENTS ["1000 10000"]  BENCH_WALLETS [10000]  BENCH_PARTNERS [5]
#   BENCH_GGR_POSTINGS [10000000]  BENCH_GGR_PLAYERS [20000]  BENCH_GGR_RUNS [5]
#   BENCH_STORE_EVENTS [1000000]  BENCH_PORT [18095] (the service's)
#   BENCH_PROCESSOR [clickhouse-sink] (the processor the service phase times: aml-engine for the AML engine, issue 15;
#     kafka-publisher for the Kafka publisher, issue 16)   BENCH_KAFKA_PORT [19092] (the service's in-JVM broker)
#   BENCH_KAFKA_RATES ["500 2000"]  BENCH_KAFKA_SECONDS [30]  BENCH_KAFKA_WARMUP_SECONDS [15]  BENCH_KAFKA_CLIENTS [64] (phase kafka-latency)
#   BENCH_COMMAND_CLIENTS [0] (clients sending wallet commands meanwhile, bench/CommandLoad.java)
#   BENCH_JAVA_OPTS [-Xmx2g] (the benches')  BENCH_SERVICE_JAVA_OPTS [] (the service's, besides -Xmx2g: e.g. a profiler)
#   BENCH_CLICKHOUSE_HTTP_PORT [8124]  BENCH_CLICKHOUSE_TCP_PORT [19124]  BENCH_CLICKHOUSE_INTERSERVER_PORT [19125]
#   BENCH_CLICKHOUSE_DIR [/var/tmp/chipledger-clickhouse-bench]  BENCH_KEEP [0] (1: keep the databases and the server)
set -euo pipefail
cd "$(dirname "$0")/.."

PHASES=${BENCH_PHASES:-sink ggr service}
JAR=${BENCH_JAR:-api/target/chipledger.jar}
CLASSES=${BENCH_CLASSES:-analytics/target/classes:ledger-core/target/classes}
WORK=${BENCH_WORK:-/tmp/chipledger-analytics-bench}
CH_PORT=${BENCH_CLICKHOUSE_HTTP_PORT:-8124}
CH_DIR=${BENCH_CLICKHOUSE_DIR:-/var/tmp/chipledger-clickhouse-bench}
KEEP=${BENCH_KEEP:-0}
PGDATABASE_BENCH=chipledger_analytics_bench

log() { echo "[analytics.sh] $*" >&2; }
[ -f "$JAR" ] || { log "no $JAR: build it first (mvn -B -q -DskipTests package), or name one with BENCH_JAR"; exit 1; }
for dir in ${CLASSES//:/ }; do
  [ -d "$dir" ] || { log "no $dir: build first (mvn -B -q -DskipTests package), or name the classes with BENCH_CLASSES"; exit 1; }
done

# ClickHouse: a server of our own. scripts/clickhouse.sh starts one with the packaged config's TCP (9000)
# and interserver (9009) ports, which the shared server on 8123 already holds: ClickHouse 18.16 then
# logs "Address already in use" and runs on HTTP alone, and whichever server starts first takes them.
# So this starts it the same way with those two ports moved (command-line overrides of config.xml).
ch_answers() { curl -sf --max-time 2 "http://127.0.0.1:$CH_PORT/ping" >/dev/null 2>&1; }
ch() { curl -sfS --max-time 600 "http://127.0.0.1:$CH_PORT/" --data-binary "$1"; }
STARTED_CLICKHOUSE=0
if ! ch_answers; then
  [ "$(id -u)" = 0 ] && [ -x /usr/sbin/clickhouse-server ] || { log "no ClickHouse on $CH_PORT and none can be started (root and clickhouse-server are needed)"; exit 1; }
  mkdir -p "$CH_DIR/data" "$CH_DIR/tmp" "$CH_DIR/log"
  chown -R clickhouse:clickhouse "$CH_DIR"
  log "starting ClickHouse on HTTP port $CH_PORT with its data in $CH_DIR"
  runuser -u clickhouse -- /usr/sbin/clickhouse-server --daemon --pid-file="$CH_DIR/clickhouse.pid" \
    --config-file=/etc/clickhouse-server/config.xml -- --path="$CH_DIR/data/" --tmp_path="$CH_DIR/tmp/" \
    --logger.log="$CH_DIR/log/server.log" --logger.errorlog="$CH_DIR/log/error.log" --http_port="$CH_PORT" \
    --tcp_port="${BENCH_CLICKHOUSE_TCP_PORT:-19124}" --interserver_http_port="${BENCH_CLICKHOUSE_INTERSERVER_PORT:-19125}" >&2
  for _ in $(seq 1 80); do ch_answers && break; sleep 0.25; done
  ch_answers || { log "ClickHouse did not answer on $CH_PORT within 20 s (see $CH_DIR/log/error.log)"; exit 1; }
  STARTED_CLICKHOUSE=1
fi
CH_PID=$(cat "$CH_DIR/clickhouse.pid" 2>/dev/null || echo 0)

finish() {
  if [ "$KEEP" = 1 ]; then
    log "BENCH_KEEP=1: the databases and the server on $CH_PORT stay"
    return
  fi
  for database in chipledger_analytics_sink_bench chipledger_analytics_ggr_bench chipledger_analytics_e2e_bench; do
    ch "DROP DATABASE IF EXISTS $database" || true
  done
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE_BENCH WITH (FORCE)" 2>/dev/null || true
  if [ "$STARTED_CLICKHOUSE" = 1 ] && [ "$CH_PID" != 0 ]; then
    log "stopping the ClickHouse on $CH_PORT (pid $CH_PID)"
    kill "$CH_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$CH_PID" 2>/dev/null || break; sleep 0.25; done
  fi
}
trap finish EXIT

# The class path: the modules' classes, then the jar's (the service's own classes and its libraries:
# the ClickHouse and PostgreSQL drivers, Jackson, Axon). Copies, as another build may replace them
# meanwhile. The two helpers are compiled once for both benches.
rm -rf "$WORK" && mkdir -p "$WORK/classes" "$WORK/modules"
cp "$JAR" "$WORK/chipledger.jar"
unzip -q "$WORK/chipledger.jar" 'BOOT-INF/*' -d "$WORK"
CP=""
for dir in ${CLASSES//:/ }; do
  copy="$WORK/modules/$(echo "$dir" | tr '/' '_')"
  cp -r "$dir" "$copy"
  CP="$CP$copy:"
done
CP="$CP$WORK/BOOT-INF/classes:$WORK/BOOT-INF/lib/*"
javac -nowarn -d "$WORK/classes" -cp "$CP" bench/AnalyticsSupport.java bench/AnalyticsEvents.java bench/AnalyticsGgrData.java \
  bench/CommandLoad.java bench/ProcessorChecks.java bench/AnalyticsEndToEnd.java
CP="$WORK/classes:$CP"
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx2g}

export BENCH_CLICKHOUSE="127.0.0.1:$CH_PORT" BENCH_CLICKHOUSE_PID="$CH_PID" BENCH_WORK="$WORK"
BENCH_PHASES_JAVA=""
for phase in $PHASES; do
  case "$phase" in
    sink|ggr) BENCH_PHASES_JAVA="$BENCH_PHASES_JAVA $phase" ;;
    service|kafka-latency) ;;
    *) log "unknown phase $phase (sink, ggr, service, kafka-latency)"; exit 1 ;;
  esac
done
if [ -n "$BENCH_PHASES_JAVA" ]; then
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" bench/AnalyticsBench.java $BENCH_PHASES_JAVA
fi
if [[ " $PHASES " == *" service "* ]]; then
  command -v psql >/dev/null || { log "psql is missing: apt-get install postgresql-client"; exit 1; }
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE_BENCH WITH (FORCE)" \
       -c "CREATE DATABASE $PGDATABASE_BENCH"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" AnalyticsEndToEnd "$WORK/chipledger.jar" "jdbc:postgresql://127.0.0.1:5432/$PGDATABASE_BENCH"
fi
if [[ " $PHASES " == *" kafka-latency "* ]]; then
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE_BENCH WITH (FORCE)" \
       -c "CREATE DATABASE $PGDATABASE_BENCH"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$CP" bench/KafkaLatency.java "$WORK/chipledger.jar" "jdbc:postgresql://127.0.0.1:5432/$PGDATABASE_BENCH"
fi
