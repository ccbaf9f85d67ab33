# What bench/run.sh and bench/soak.sh share: fresh databases, the ClickHouse sink's database, the
# service jar, the bench classes. Sourced from the checkout's root, under `set -euo pipefail`.

bench_psql() { command psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }

# A fresh, empty database on the local PostgreSQL for each name given.
bench_fresh_databases() {
  local name
  for name in "$@"; do
    bench_psql -d postgres -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
  done
}

# Every background part runs, as in production: the ClickHouse sink too when ClickHouse answers here
# (scripts/clickhouse.sh installs and starts it), into a fresh database named $1; exports
# CHIPLEDGER_CLICKHOUSE_URL for the service unless it is set already. The Kafka publisher always runs
# (in-JVM broker). ClickHouse 18.16 has been seen to wait forever on a DROP: a fresh database then,
# not a hung run.
bench_clickhouse_database() {
  local clickhouse_db=$1
  if [ -z "${CHIPLEDGER_CLICKHOUSE_URL+x}" ] && curl -s -m 2 http://127.0.0.1:8123/ping >/dev/null 2>&1; then
    if ! curl -sf -m 30 http://127.0.0.1:8123/ --data-binary "DROP DATABASE IF EXISTS $clickhouse_db" >/dev/null; then
      echo "ClickHouse did not drop $clickhouse_db within 30 s; using ${clickhouse_db}_$(date +%s) (restart ClickHouse to clean up)" >&2
      clickhouse_db=${clickhouse_db}_$(date +%s)
    fi
    curl -sf -m 30 http://127.0.0.1:8123/ --data-binary "CREATE DATABASE $clickhouse_db" >/dev/null
    export CHIPLEDGER_CLICKHOUSE_URL="jdbc:clickhouse://127.0.0.1:8123/$clickhouse_db?compress=false"
  fi
}

# The service jar, built when a main source is newer than it.
bench_build_jar() {
  if [ ! -f api/target/chipledger.jar ] || [ -n "$(find . -path ./api/target -prune -o -newer api/target/chipledger.jar -name '*.java' -path '*/src/main/*' -print -quit)" ]; then
    if command -v mvn >/dev/null; then mvn -B -q package -DskipTests; else ./mvnw -B -q package -DskipTests; fi
  fi
}

# The load benches' classes (LoadHarness, Soak and what they share) in bench/target/classes; they need
# only the JDK.
BENCH_CLASSES_DIR=bench/target/classes
bench_compile_classes() {
  rm -rf "$BENCH_CLASSES_DIR"
  mkdir -p "$BENCH_CLASSES_DIR"
  javac -nowarn -d "$BENCH_CLASSES_DIR" bench/Http.java bench/BenchService.java bench/BenchSupport.java bench/BenchLedger.java \
    bench/LoadHarness.java bench/Soak*.java
}
