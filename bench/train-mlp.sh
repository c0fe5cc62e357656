#!/usr/bin/env bash
# Training throughput of mlp:784-1000-1000-10 at batch 128: Joulebench (DJL + PyTorch natives)
# beside the same loop in PyTorch, same threads, same data, one after the other on this machine.
# Needs Debian's python3-torch (apt-get install python3-torch). Usage: bench/train-mlp.sh [THREADS] [STEPS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-$(nproc)}"
steps="${2:-300}"
py=/usr/bin/python3
for round in 1 2; do
  j=$("$root/joulebench" bench train --json --model mlp:784-1000-1000-10 --batch 128 --threads "$threads" \
       --warmup 30 --steps "$steps" --device cpu)
  p=$("$py" "$root/bench/pytorch_mlp.py" --threads "$threads" --batch 128 --warmup 30 --steps "$steps")
  js=$(echo "$j" | "$py" -c 'import json,sys; print(round(json.load(sys.stdin)["samples_per_second"]))')
  ps=$(echo "$p" | "$py" -c 'import json,sys; print(round(json.load(sys.stdin)["samples_per_second"]))')
  pv=$(echo "$p" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["version"])')
  echo "round $round: joulebench $js samples/s, pytorch $pv $ps samples/s, ratio $("$py" -c "print(round($js/$ps, 3))") ($threads threads, batch 128)"
done
