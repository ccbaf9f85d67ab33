#!/usr/bin/env bash
# A long run of the OpenAPI fuzz (api/src/test/java/io/chipledger/api/input/OpenApiFuzzProperties.java):
# PER_OPERATION requests per documented operation in each of its 8 rounds (the suite sends 1), against the
# database of SPRING_DATASOURCE_URL like scripts/test.sh. Prints the figures: requests, operations covered,
# answers by status. Usage: bench/fuzz.sh [PER_OPERATION, default 25]
set -euo pipefail
cd "$(dirname "$0")/.."
PER_OPERATION="${1:-25}"
LOG="api/target/fuzz-run.log"
mkdir -p api/target
status=0
./mvnw -B -o verify -pl api -Dtest=OpenApiFuzzProperties -Dsurefire.failIfNoSpecifiedTests=false -Dspectral.skip \
  -Dchipledger.fuzz.per-operation="$PER_OPERATION" > "$LOG" 2>&1 || status=$?
grep -E "OpenApiFuzz:|Tests run:.*OpenApiFuzz" "$LOG" || true
if [ "$status" -ne 0 ]; then
  echo "fuzz run failed (exit $status): see $LOG" >&2
fi
exit "$status"
