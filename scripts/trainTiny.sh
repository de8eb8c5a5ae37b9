#!/usr/bin/env bash
# Trains stroop-tiny and its control (models/stroop-tiny, models/stroop-tiny-control).
#
# v2 (the default, issue #21): stroop composes every batch (src/train, recipe stroopTinyRecipeV2,
# the emoji pool) and Debian's PyTorch trains (scripts/train_tiny_torch.py; docs/training.md).
# The two models train side by side, each a producer and a trainer; on a 2-core machine the pair
# takes about 50 minutes (3,000 steps each, about 1 s/step side by side). Logs and checkpoints go
# to reports/train-<variant>/, the final weights (model.safetensors, config, tokenizer,
# training.json) into models/<name>/ beside its model card.
# Needs: sudo apt-get install python3-torch libopenblas0-pthread  (not part of the Quickstart or CI)
#
# --tfjs: the v1 recipe trained by `stroop train` on tfjs's wasm backend (no Python), as the v1
# models were made.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p reports
cli="node dist/src/cli/main.js"

if [ "${1:-}" = "--tfjs" ]; then
  shift
  $cli train --variant reading "$@" 2>&1 | tee reports/train-reading.log | sed -u 's/^/[reading] /' &
  reading=$!
  $cli train --variant control "$@" 2>&1 | tee reports/train-control.log | sed -u 's/^/[control] /' &
  control=$!
  status=0
  wait "$reading" || status=1
  wait "$control" || status=1
  exit "$status"
fi

python=${STROOP_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "npm run train:tiny: $python cannot import torch. Install Debian's PyTorch (sudo apt-get install python3-torch libopenblas0-pthread), set STROOP_PYTHON to a Python with torch, or pass --tfjs for the v1 recipe on tfjs." >&2
  exit 1
fi

# train <variant> <model name>: stream the recipe's batches into the trainer, then install final/.
train() {
  local variant=$1 name=$2 out="reports/train-$1"
  rm -rf "$out"
  node dist/scripts/emitTrainingBatches.js --generation v2 --pool emoji --variant "$variant" 2>"reports/emit-$variant.log" |
    "$python" scripts/train_tiny_torch.py --out "$out" --checkpoint-every 500 2>&1 | sed -u "s/^/[$variant] /"
  mkdir -p "models/$name"
  cp "$out"/final/* "models/$name/"
  echo "[$variant] installed $out/final into models/$name"
}

train reading stroop-tiny &
reading=$!
train control stroop-tiny-control &
control=$!
status=0
wait "$reading" || status=1
wait "$control" || status=1
exit "$status"
