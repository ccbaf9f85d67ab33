#!/usr/bin/env bash
# Two nodes, one killed, the long form of NodeKillTest (issue 19; docs/reliability.md): two packaged services on one
# database share FAULTS_CLIENTS client threads (16) sending deposits, bets and wins on the same FAULTS_WALLETS wallets
# (100) for FAULTS_SECONDS (30) a round; half-way through each round the node holding the most processor segments is
# killed (SIGKILL), the clients send what it left unanswered to the other node, the survivor takes over every segment,
# and every command is checked (once in the ledger, retries replay, balances, read models, Kafka, ClickHouse, the audit
# verification); the killed node then starts again for the next round. FAULTS_KILLS rounds (3). Fresh database
# chipledger_faults_nodes (PostgreSQL and ClickHouse).
#
#   bench/faults-nodes.sh                                   # the full run
#   FAULTS_KILLS=1 FAULTS_SECONDS=10 bench/faults-nodes.sh   # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
export FAULTS_KILLS=${FAULTS_KILLS:-3} FAULTS_CLIENTS=${FAULTS_CLIENTS:-16} FAULTS_SECONDS=${FAULTS_SECONDS:-30}
export FAULTS_WALLETS=${FAULTS_WALLETS:-100}
exec bash bench/faults.sh NodeKillTest chipledger_faults_nodes bench/faults-nodes.sh
