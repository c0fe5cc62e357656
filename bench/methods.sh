#!/usr/bin/env bash
# Training samples/s of each backprop-free method in Joulebench beside the same step in PyTorch
# (Debian's python3-torch), same data (the samples), batch 128, 2 threads, back to back.
# The Java side is each method's benchmark class in the train module's tests, switched on by a
# system property (they are skipped in normal test runs).  Usage: bench/methods.sh [mf ff cafo]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
methods=("${@:-mf ff cafo}")
./mvnw -q -B -DskipTests install >/dev/null
for m in ${methods[@]}; do
  case "$m" in
    mf) java_test=dev.joulebench.train.mf.MfBenchmark; prop=-Djoulebench.mf.bench=true; py=(bench/mf_pytorch.py --steps 100) ;;
    ff) java_test=dev.joulebench.train.ff.FfBenchmark; prop=-Dff.bench=true; py=(bench/ff_pytorch.py) ;;
    cafo) java_test=dev.joulebench.train.cafo.CafoBenchmark; prop=-Djoulebench.cafo.bench=true; py=(bench/cafo_pytorch.py) ;;
    *) echo "unknown method $m (mf, ff, cafo)" >&2; exit 2 ;;
  esac
  echo "== $m: joulebench"
  ./mvnw -q -B -o -pl modules/train test -Dtest="$java_test" "$prop" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -iE "samples/s|samples_per_second" || true
  echo "== $m: pytorch"
  /usr/bin/python3 "${py[@]}"
done
