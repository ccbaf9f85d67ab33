#!/usr/bin/env bash
# Lints the committed OpenAPI document (docs/openapi.json, which OpenApiDocumentTest holds equal to
# the live /v3/api-docs) with Spectral's spectral:oas ruleset: any error or warning fails. Installs Spectral (npm, pinned in
# scripts/openapi-lint/package-lock.json) and, on a machine without npm, Node from Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCUMENT=docs/openapi.json
LINT_DIR=scripts/openapi-lint

log() { echo "[lint-openapi.sh] $*"; }

[ -f "$DOCUMENT" ] || { log "$DOCUMENT is missing: OpenApiDocumentTest writes the live document to api/target/openapi.json"; exit 1; }
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "npm is not installed: installing Node from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    log "npm is missing and cannot be installed here"; exit 1
  fi
fi
if [ ! -x "$LINT_DIR/node_modules/.bin/spectral" ]; then
  log "installing Spectral"
  (cd "$LINT_DIR" && npm ci --silent --no-audit --no-fund)
fi
"$LINT_DIR/node_modules/.bin/spectral" lint "$DOCUMENT" --ruleset "$LINT_DIR/.spectral.yaml" --fail-severity=warn
