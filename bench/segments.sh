#!/usr/bin/env bash
# Segment evaluation (issue 17): bench/SegmentEvaluation.java over PLAYERS [1000000] players and
# RULES [20] rules, ROUNDS [5] rounds, in memory on one thread. Builds the service first; its
# libraries (Jackson) and the modules' classes make the class path.
#   bash bench/segments.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -f api/target/chipledger.jar api/target/chipledger.jar.original
mvn -B -q -o -DskipTests -Dspectral.skip install >/dev/null
unzip -q api/target/chipledger.jar 'BOOT-INF/lib/*' -d "$WORK"
CP="projections/target/classes:ledger-core/target/classes:$WORK/BOOT-INF/lib/*"
java -Xmx4g -cp "$CP" bench/SegmentEvaluation.java
