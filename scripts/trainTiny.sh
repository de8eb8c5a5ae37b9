#!/usr/bin/env bash
# Trains stroop-tiny and its control (models/stroop-tiny, models/stroop-tiny-control).
# wasm trains on one thread, so on a machine with two or more cores the two models train
# side by side; each writes its log to reports/train-<variant>.log as well as the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p reports
cli="node dist/src/cli/main.js"
if [ "$(nproc)" -ge 2 ]; then
  $cli train --variant reading "$@" 2>&1 | tee reports/train-reading.log | sed -u 's/^/[reading] /' &
  reading=$!
  $cli train --variant control "$@" 2>&1 | tee reports/train-control.log | sed -u 's/^/[control] /' &
  control=$!
  status=0
  wait "$reading" || status=1
  wait "$control" || status=1
  exit "$status"
fi
$cli train --variant reading "$@" 2>&1 | tee reports/train-reading.log
$cli train --variant control "$@" 2>&1 | tee reports/train-control.log
