#!/usr/bin/env bash
# Makes a local ClickHouse answer on 127.0.0.1 (HTTP port CHIPLEDGER_CLICKHOUSE_HTTP_PORT, 8123) and
# prints its JDBC URL on standard output; everything else goes to standard error. Used by
# scripts/test.sh and scripts/run.sh (issue 14).
#
# A server already answering is used as it is. Otherwise Debian's clickhouse-server (18.16, the
# only one these machines can install) is installed when missing and the user is root, and started
# as the clickhouse user with its data in CHIPLEDGER_CLICKHOUSE_DIR (/var/tmp/chipledger-clickhouse):
# there is no systemd here. Exit code 1, with the reason, when none can be made to answer.
set -euo pipefail

PORT=${CHIPLEDGER_CLICKHOUSE_HTTP_PORT:-8123}
# The native and interserver ports follow the HTTP port (8123: 9000 and 9009, ClickHouse's own), so a
# second server (a benchmark's, CHIPLEDGER_CLICKHOUSE_HTTP_PORT=8124 with its own CHIPLEDGER_CLICKHOUSE_DIR) can run beside.
DIR=${CHIPLEDGER_CLICKHOUSE_DIR:-/var/tmp/chipledger-clickhouse}
URL="jdbc:clickhouse://127.0.0.1:$PORT/default?compress=false"

log() { echo "[clickhouse.sh] $*" >&2; }
answers() { curl -sf --max-time 2 "http://127.0.0.1:$PORT/ping" >/dev/null 2>&1; }

if answers; then
  echo "$URL"
  exit 0
fi
if [ ! -x /usr/sbin/clickhouse-server ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "ClickHouse is not installed: installing Debian's clickhouse-server"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clickhouse-server >&2
  else
    log "ClickHouse is not installed and this user cannot install it (root and apt-get are needed): analytics is off"
    exit 1
  fi
fi
if [ "$(id -u)" != 0 ]; then
  log "starting ClickHouse needs root (it runs as the clickhouse user): analytics is off"
  exit 1
fi
mkdir -p "$DIR/data" "$DIR/tmp" "$DIR/log"
chown -R clickhouse:clickhouse "$DIR"
log "starting ClickHouse $(dpkg-query -W -f='${Version}' clickhouse-server 2>/dev/null || echo '') with its data in $DIR"
runuser -u clickhouse -- /usr/sbin/clickhouse-server --daemon --pid-file="$DIR/clickhouse.pid" \
  --config-file=/etc/clickhouse-server/config.xml -- --path="$DIR/data/" --tmp_path="$DIR/tmp/" \
  --logger.log="$DIR/log/server.log" --logger.errorlog="$DIR/log/error.log" --http_port="$PORT" \
  --tcp_port=$((PORT + 877)) --interserver_http_port=$((PORT + 886)) >&2
for _ in $(seq 1 80); do
  if answers; then
    echo "$URL"
    exit 0
  fi
  sleep 0.25
done
log "ClickHouse did not answer on port $PORT within 20 s (see $DIR/log/error.log): analytics is off"
exit 1
