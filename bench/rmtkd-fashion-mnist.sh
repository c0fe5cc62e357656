#!/usr/bin/env bash
# RMT-KD on the full Fashion-MNIST (issue 15's figure): mlp:784-1000-1000-10 trained 3 epochs, cut by
# `compress --method rmtkd` to at most 30% of its parameters, then low rank + healing and MPO + healing at the
# same parameter count, healed for as many epochs as rmtkd distilled. One table: parameters, test accuracy and
# its change, p50 latency of a batch of 128, samples/s and kWh per 1,000 inferences, each from its job's own
# eval-after phase (on a busy machine the latency and energy columns are noisy; rerun to see the spread).
# Needs Debian's dataset-fashion-mnist. Usage: bench/rmtkd-fashion-mnist.sh [THREADS] [WORKSPACE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
threads="${1:-2}"
ws="${2:-$(mktemp -d -t rmtkd-bench.XXXX)}"
py=/usr/bin/python3
jb() { "$root/joulebench" "$@" --workspace "$ws" --device cpu --threads "$threads" --json; }
field() { "$py" -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }

echo "workspace $ws" >&2
trained=$(jb train --dataset fashion-mnist --model mlp:784-1000-1000-10 --epochs 3 --batch 128 --seed 42 | field "['id']")
echo "trained $trained" >&2
rmtkd=$(jb compress --method rmtkd --model "$trained" --dataset fashion-mnist --target-params 0.3 --distill-epochs 2)
echo "$rmtkd" > "$ws/rmtkd.json"
params=$(echo "$rmtkd" | field "['summary']['after/params']")
epochs=$(echo "$rmtkd" | field "['summary']['distill/epochs']")
# low rank and MPO compress fc1 and fc2 and keep every bias and fc3: the share of fc1+fc2 weights that leaves
# the whole model with rmtkd's parameter count
share=$("$py" -c "print(($params - 1000 - 1000 - 10010) / (784000 + 1000000))")
heal=$("$py" -c "print(int($epochs))")
echo "rmtkd: $params parameters after $heal distillation epochs; low rank and MPO keep $share of fc1+fc2, heal $heal epochs" >&2
jb compress --method lowrank --model "$trained" --dataset fashion-mnist --target-params "$share" --heal-epochs "$heal" \
  > "$ws/lowrank.json"
jb compress --method mpo --model "$trained" --dataset fashion-mnist --target-params "$share" --heal-epochs "$heal" \
  > "$ws/mpo.json"

"$py" - "$ws" <<'PY'
import json, sys
ws = sys.argv[1]
rows = []
for name in ("rmtkd", "lowrank", "mpo"):
    r = json.load(open(f"{ws}/{name}.json"))
    s = r["summary"]
    rows.append((name, s))
b = rows[0][1]
print(f"| method | params | share | test accuracy | change (points) | p50 ms / batch 128 | samples/s | kWh per 1,000 inferences |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
def kwh(s, phase):
    v = s.get(f"energy/{phase}_kwh_per_1000_inferences")
    return f"{v:.3e}" if v is not None else "-"
print(f"| original (3 epochs) | {b['before/params']:.0f} | 100% | {b['before/test_accuracy']:.4f} | | "
      f"{b['before/latency_p50_ms']:.2f} | {b['before/samples_per_second']:.0f} | {kwh(b, 'eval-before')} |")
for name, s in rows:
    label = {"rmtkd": "rmtkd (distilled)", "lowrank": "low rank + healing", "mpo": "MPO + healing"}[name]
    print(f"| {label} | {s['after/params']:.0f} | {100 * s['after/params'] / s['before/params']:.1f}% | "
          f"{s['after/test_accuracy']:.4f} | {100 * (s['after/test_accuracy'] - s['before/test_accuracy']):+.2f} | "
          f"{s['after/latency_p50_ms']:.2f} | {s['after/samples_per_second']:.0f} | {kwh(s, 'eval-after')} |")
PY
