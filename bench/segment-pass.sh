#!/usr/bin/env bash
# A whole segment pass through the service (issue 17), PostgreSQL included: one partner with
# RULES [20] rules and PLAYERS [1000000] players, then POST .../segment-evaluations twice, each timed
# until the player-segments processor has read it (its lag back to 0): the first moves everyone
# (three rows written a player), the second nobody (the reads and decisions alone). Then the segment changes the pass
# decided are recorded in the ledger by the job segment-changes: how many it records a second, over
# RECORD_SECONDS [60], with the service started again so that the recorder runs alone. The players' rows are written straight into player_segment (facts drawn at
# random, everyone ACTIVE), as a year of events would have left them; the rules go through the API.
#
#   bash bench/segment-pass.sh                       # builds nothing: needs api/target/chipledger.jar
#   PLAYERS=100000 bash bench/segment-pass.sh        # a quick look
#
# Settings: BENCH_JAR [api/target/chipledger.jar]  BENCH_PORT [18096]  BENCH_DB [chipledger_segment_bench]
#   PGHOST [127.0.0.1]  PGPORT [5432]  PGUSER [postgres]  BENCH_KEEP [0] (1: keep the database)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${BENCH_JAR:-api/target/chipledger.jar}
PORT=${BENCH_PORT:-18096}
DB=${BENCH_DB:-chipledger_segment_bench}
PLAYERS=${PLAYERS:-1000000}
RULES=${RULES:-20}
RECORD_SECONDS=${RECORD_SECONDS:-60}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
ADMIN_KEY=segment-pass-bench-admin-key
BASE=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
log() { echo "[segment-pass] $*" >&2; }
[ -f "$JAR" ] || { log "no $JAR: build it first (mvn -B -q -DskipTests package)"; exit 1; }

SERVICE=
# start_service SWEEP: the service on the bench database, its change recorder sweeping every SWEEP.
start_service() {
  SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB SPRING_DATASOURCE_USERNAME=$PGUSER SERVER_PORT=$PORT \
    CHIPLEDGER_ADMIN_KEY=$ADMIN_KEY CHIPLEDGER_DATA_DIR=$WORK/data CHIPLEDGER_KAFKA_EMBEDDED=false CHIPLEDGER_CLICKHOUSE_URL= \
    CHIPLEDGER_SEGMENTS_CHANGE_SWEEP=$1 java -Xmx2g -jar "$JAR" >> "$WORK/service.log" 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/actuator/health/readiness" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -sf "$BASE/actuator/health/readiness" >/dev/null || { log "the service did not start: $WORK/service.log"; tail -20 "$WORK/service.log"; exit 1; }
}
stop_service() {
  kill "$SERVICE" && wait "$SERVICE" 2>/dev/null || true
  SERVICE=
}
cleanup() {
  [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null && wait "$SERVICE" 2>/dev/null || true
  [ "${BENCH_KEEP:-0}" = 1 ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null

# The passes are timed alone: the recorder waits an hour, until the service is started again below.
start_service PT1H

admin() { curl -s -H "X-Admin-Key: $ADMIN_KEY" -H 'Content-Type: application/json' "$@"; }
PARTNER=$(admin -X POST "$BASE/admin/v1/partners" -d '{"name":"Segment Bench","type":"operator","commission_rate":"0.05","contact_email":"bench@example.com"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["partner_id"])')
OPS_KEY=$(admin -X POST "$BASE/admin/v1/admin-keys" -d '{"name":"Bench Ops","roles":["ops"]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["admin_key"])')
ops() { curl -s -H "X-Admin-Key: $OPS_KEY" -H 'Content-Type: application/json' "$@"; }
log "partner $PARTNER"

# RULES rules of the kinds marketing writes: money thresholds, recency, countries, play counts, nested.
for i in $(seq 1 "$RULES"); do
  case $((i % 5)) in
    0) condition="{\"field\":\"deposit_total\",\"asset\":\"USD\",\"op\":\">=\",\"value\":\"$((i * 1000))\"}" ;;
    1) condition="{\"all\":[{\"field\":\"days_since_last_login\",\"op\":\">=\",\"value\":$((i + 3))},{\"field\":\"bet_total\",\"asset\":\"USD\",\"op\":\">\",\"value\":\"$((i * 500))\"}]}" ;;
    2) condition="{\"any\":[{\"field\":\"country\",\"op\":\"==\",\"value\":\"KR\"},{\"field\":\"dice_plays\",\"op\":\">\",\"value\":$((i * 10))}]}" ;;
    3) condition="{\"not\":{\"field\":\"last_charge_at\",\"op\":\"is_null\"}}" ;;
    4) condition="{\"all\":[{\"field\":\"net_deposit\",\"asset\":\"USD\",\"op\":\"<\",\"value\":\"$((i * 100))\"},{\"field\":\"registered_days_ago\",\"op\":\">\",\"value\":$((i * 10))},{\"field\":\"current_balance\",\"asset\":\"USD\",\"op\":\"<=\",\"value\":\"5\"}]}" ;;
  esac
  # A country rule for KR and the rule on last_charge_at would take everyone: they are placed last.
  priority=$(( (i % 5 == 2 || i % 5 == 3) ? 1000 + i : i ))
  reply=$(ops -o /dev/null -w '%{http_code}' -X POST "$BASE/admin/v1/partners/$PARTNER/segment-rules" \
    -d "{\"name\":\"Bench rule $i\",\"segment\":\"SEG_$i\",\"priority\":$priority,\"condition\":$condition}")
  [ "$reply" = 201 ] || { log "rule $i answered $reply"; exit 1; }
done

lag() {
  admin "$BASE/admin/v1/projections" | python3 -c '
import json,sys
for p in json.load(sys.stdin):
    if p["name"] == "player-segments": print(p["lag_events"])'
}
until [ "$(lag)" = 0 ]; do sleep 0.2; done

log "writing $PLAYERS players"
psql -q -d "$DB" -v partner="$PARTNER" -v players="$PLAYERS" <<'SQL'
INSERT INTO player_segment (partner_id, player_id, registered_at, last_login_at, last_charge_at, last_active_at, roulette_plays,
  dice_plays, lottery_plays, play_seconds, country, deposited, withdrawn, staked, balances, segment, rule_id, rule_name,
  segment_since, decided_at)
SELECT :'partner', 'player-' || g, now() - random() * interval '400 days', now() - random() * interval '60 days',
  CASE WHEN random() < 0.1 THEN NULL ELSE now() - random() * interval '60 days' END, now() - random() * interval '30 days',
  (random() * 100)::bigint, (random() * 300)::bigint, (random() * 20)::bigint, (random() * 100000)::bigint,
  (ARRAY['KR','US','JP','DE','BR','VN'])[1 + floor(random() * 6)::int],
  jsonb_build_object('USD', (random() * 3000000)::bigint), jsonb_build_object('USD', (random() * 1000000)::bigint),
  jsonb_build_object('USD', (random() * 5000000)::bigint), jsonb_build_object('USD', (random() * 100000)::bigint),
  'ACTIVE', 'default:ACTIVE', 'ACTIVE', now() - interval '30 days', now() - interval '30 days'
FROM generate_series(1, :players) g;
ANALYZE player_segment;
SQL

# pass NAME: one pass, timed from the request until the processor has read it.
pass() {
  local started passed changes
  changes=$(psql -At -d "$DB" -c "SELECT count(*) FROM player_segment_change WHERE partner_id = '$PARTNER'")
  started=$(date +%s%N)
  [ "$(ops -o /dev/null -w '%{http_code}' -X POST "$BASE/admin/v1/partners/$PARTNER/segment-evaluations")" = 202 ] || { log "no pass"; exit 1; }
  sleep 0.1
  until [ "$(lag)" = 0 ]; do sleep 0.1; done
  passed=$(date +%s%N)
  changes=$(( $(psql -At -d "$DB" -c "SELECT count(*) FROM player_segment_change WHERE partner_id = '$PARTNER'") - changes ))
  echo "$1: $PLAYERS players, $RULES rules: $(( (passed - started) / 1000000 )) ms until the processor had read it; $changes segment changes"
}
log "two passes over $PLAYERS players and $RULES rules"
pass "pass, everyone's segment changes"
pass "pass again, nobody's segment changes"
sizes=$(psql -At -d "$DB" -c "SELECT string_agg(segment || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT segment, count(*) n FROM player_segment WHERE partner_id = '$PARTNER' GROUP BY segment) s")
echo "segments: $sizes"
stop_service
start_service PT1S

waiting() { psql -At -d "$DB" -c "SELECT count(*) FROM segment_change_outbox"; }
before=$(waiting)
sleep "$RECORD_SECONDS"
after=$(waiting)
echo "recorded: $(( (before - after) / RECORD_SECONDS )) segment changes/s over ${RECORD_SECONDS} s ($before waiting, then $after)"
grep -E "WARN|ERROR" "$WORK/service.log" | grep -v "CHIPLEDGER_ADMIN_KEY\|ClickHouse\|Kafka" | head -5 || true
