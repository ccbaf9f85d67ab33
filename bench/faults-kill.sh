#!/usr/bin/env bash
# SIGKILL under load, the long form of CrashTest (issue 19; docs/reliability.md): the packaged service is killed
# FAULTS_KILLS times (10) while FAULTS_CLIENTS client threads (16) send deposits, bets and wins on FAULTS_WALLETS
# wallets (100), each kill FAULTS_SECONDS into the load at most (20; at least half of it). After each restart every
# command is checked (in the ledger once, none half applied, retries replay the original answer, balances, read
# models, Kafka, ClickHouse, the audit verification). Fresh database chipledger_faults_kill (PostgreSQL and ClickHouse).
#
#   bench/faults-kill.sh                                                  # the full run
#   FAULTS_KILLS=3 FAULTS_CLIENTS=4 FAULTS_SECONDS=5 bench/faults-kill.sh   # a quick look
#
# FAULTS_JAVA_OPTS sets the service's JVM options (-Xmx1g). Prints the figures; bench/faults.sh says where the logs go.
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULTS_KILLS=${FAULTS_KILLS:-10} FAULTS_CLIENTS=${FAULTS_CLIENTS:-16} FAULTS_SECONDS=${FAULTS_SECONDS:-20}
export FAULTS_WALLETS=${FAULTS_WALLETS:-100}
exec bash bench/faults.sh CrashTest chipledger_faults_kill bench/faults-kill.sh
