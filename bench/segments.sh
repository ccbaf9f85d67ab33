#!/usr/bin/env bash
# Segment evaluation (issue 17): bench/SegmentEvaluation.java over PLAYERS [1000000] players and
# RULES [20] rules, ROUNDS [5] rounds, in memory on one thread. Builds ledger-core and projections first.
#   bash bench/segments.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o install -N >/dev/null
mvn -B -q -o install -pl ledger-core,projections -DskipTests >/dev/null
CP_FILE=$(mktemp)
mvn -B -q -o dependency:build-classpath -pl projections -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="projections/target/classes:ledger-core/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
exec java -Xmx4g -cp "$CP" bench/SegmentEvaluation.java
