#!/usr/bin/env bash
# Interleaved throughput rounds of stroop's onnx engine (fp32 and q8) and PyTorch on one model,
# on this machine, then the median of each: what a speed claim against PyTorch should rest on.
#
#   bash scripts/benchVsPytorch.sh <model dir> [rounds=3] [out dir=/tmp/stroop-vs-pytorch]
#
# The model needs onnx/ graphs for both dtypes (stroop export-onnx --model <dir> --quantize).
# PyTorch comes from Debian: apt-get install python3-torch libopenblas0-pthread (without OpenBLAS,
# Debian's torch multiplies matrices with the reference BLAS, single-threaded and ~10x slower);
# /usr/bin/python3; not part of CI.
# Batches and threads: BATCHES (default "1 16") and THREADS (default 2) in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:?usage: benchVsPytorch.sh <model dir> [rounds] [out dir]}
rounds=${2:-3}
out=${3:-/tmp/stroop-vs-pytorch}
threads=${THREADS:-2}
read -r -a batches <<< "${BATCHES:-1 16}"
batch_args=()
for b in "${batches[@]}"; do batch_args+=(--batch "$b"); done
python=${PYTHON:-/usr/bin/python3}
mkdir -p "$out"
: > "$out/rounds.jsonl"
for round in $(seq 1 "$rounds"); do
  for subject in onnx-fp32 pytorch onnx-q8; do
    echo "[bench] round $round/$rounds: $subject" >&2
    case $subject in
      onnx-fp32) line=$(node dist/src/cli/main.js bench --engine onnx --dtype fp32 --model "$model" --threads "$threads" "${batch_args[@]}" --json) ;;
      onnx-q8) line=$(node dist/src/cli/main.js bench --engine onnx --dtype q8 --model "$model" --threads "$threads" "${batch_args[@]}" --json) ;;
      pytorch) line=$("$python" scripts/bench_pytorch.py --model "$model" --threads "$threads" "${batch_args[@]}") ;;
    esac
    printf '{"round":%s,"subject":"%s","report":%s}\n' "$round" "$subject" "$line" >> "$out/rounds.jsonl"
  done
done
node scripts/summarizeBenchRounds.mjs "$out/rounds.jsonl" | tee "$out/summary.txt"
