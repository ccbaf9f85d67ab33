#!/usr/bin/env bash
# Shrinks the console's browser-test screenshots (api/target/console-screenshots, written by the
# browser tests) into the small PNGs docs/console.md shows: docs/console-<role>.png. Run after
# `scripts/test.sh -Dtest='*ConsoleBrowserTest'`; needs ImageMagick and pngquant (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/.."
shots=api/target/console-screenshots
for pair in support:support-player ops:ops-partner-keys aml:aml-alert-reported auditor:auditor-verification-clean marketing:marketing-segment-rule-preview finance:finance-ggr; do
  role=${pair%%:*}; shot=$shots/${pair#*:}.png
  if [ -f "$shot" ]; then
    /usr/bin/convert "$shot" -resize 60% "docs/console-$role.png"
    pngquant --force --skip-if-larger --quality 60-85 --output "docs/console-$role.png" "docs/console-$role.png" || true
    echo "docs/console-$role.png $(stat -c %s "docs/console-$role.png") bytes"
  else
    echo "missing $shot" >&2
  fi
done
