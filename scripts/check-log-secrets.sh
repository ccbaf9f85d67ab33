#!/usr/bin/env bash
# Secrets never in logs (issue 19, docs/security.md "The log"): fails when the log of a test run
# holds a partner or admin key (their shape, ApiKeys: ck_ or ca_, 12 hex digits, 43 base64url
# characters) or the tests' bootstrap admin key. scripts/test.sh runs it on the whole run's output.
#   bash scripts/check-log-secrets.sh target/test-run.log
set -euo pipefail
LOG=${1:?the log to read}
KEY='(ck|ca)_[0-9a-f]{12}_[A-Za-z0-9_-]{43}'
BOOTSTRAP='test-admin-key'
log() { echo "[check-log-secrets] $*" >&2; }
# The check is checked first: a key-shaped text must be found, or the pattern is broken.
printf 'issued ca_0123456789ab_%s\n' "$(printf 'x%.0s' $(seq 1 43))" | grep -qE "$KEY" || { log "the key pattern finds no key"; exit 2; }
[ -s "$LOG" ] || { log "no log at $LOG"; exit 2; }
if grep -nE "$KEY|$BOOTSTRAP" "$LOG" > "$LOG.secrets"; then
  log "$(wc -l < "$LOG.secrets") line(s) of $LOG hold a key (the first shown, the key cut):"
  head -3 "$LOG.secrets" | sed -E "s/(c[ka]_[0-9a-f]{12}_)[A-Za-z0-9_-]{43}/\\1…/g; s/$BOOTSTRAP/test-admin-…/g" >&2
  exit 1
fi
rm -f "$LOG.secrets"
log "no key in the $(wc -l < "$LOG") lines of $LOG"
