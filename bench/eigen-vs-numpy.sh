#!/usr/bin/env bash
# Symmetric eigendecomposition of covariance-like matrices X^T X / n (X n x n Gaussian, float64, n = 1,000
# and 4,096): numpy.linalg.eigvalsh / eigh beside spectra's LAPACK (dsyevd through JNA) and EJML solvers, on
# the same matrices (written once by numpy, read by both) on this machine. Values only is what an ESD pays,
# with vectors what RMT-KD pays. The two sides alternate, ROUNDS times: one numpy process, then one Java
# process, each with a warm-up per solver and mode at the first size and one timed run per cell, so that
# load from other work on a shared machine falls on both alike; the table gives the median over rounds.
# EJML is timed in the first round only (minutes a run at 4,096, and far from numpy either way). Each
# Java spectrum is checked against numpy's. OPENBLAS_NUM_THREADS=THREADS for numpy's OpenBLAS and the
# system's alike. Needs python3 with numpy (PYTHON overrides; SIZES="200 500" for a quick look).
# Usage: bench/eigen-vs-numpy.sh [ROUNDS] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-5}"
threads="${2:-$(nproc)}"
py="${PYTHON:-python3}"
read -r -a sizes <<< "${SIZES:-1000 4096}"
export OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads"
work="$(mktemp -d -t eigen-bench.XXXX)"
trap 'rm -rf "$work"' EXIT

# spectra and its test classes (the timing harness), with core from this checkout, not from ~/.m2
"$root/mvnw" -q -B -f "$root/pom.xml" ${JOULEBENCH_BUILD_OPTS:-} -pl modules/core,modules/spectra test-compile \
  dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test >&2
cp="$root/modules/spectra/target/test-classes:$root/modules/spectra/target/classes:$(cat "$work/classpath")"

matrices=()
for n in "${sizes[@]}"; do matrices+=("$n=$work/cov-$n.f64"); done

"$py" - "${matrices[@]}" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(42)
for n, path in (s.split("=", 1) for s in sys.argv[1:]):
    x = rng.standard_normal((int(n), int(n)))
    a = x.T @ x / int(n)
    ((a + a.T) / 2).tofile(path)  # exactly symmetric: every solver reads the same matrix whichever triangle it uses
PY

cat > "$work/numpy_timing.py" <<'PY'
"""One round of the numpy side: a warm-up per mode at the first size, then one timed run per size."""
import json, sys, time
import numpy as np
specs = [(int(n), path) for n, path in (s.split("=", 1) for s in sys.argv[1:])]
for mode, solve in (("values", np.linalg.eigvalsh), ("vectors", lambda m: np.linalg.eigh(m)[0])):
    for i, (n, path) in enumerate(specs):
        a = np.fromfile(path).reshape(n, n)
        if i == 0:
            solve(a)
        t0 = time.perf_counter()
        values = solve(a)
        seconds = time.perf_counter() - t0
        out = f"{path}.numpy-{mode}.values"
        values.tofile(out)
        print(json.dumps({"impl": "numpy", "mode": mode, "n": n, "median_s": seconds, "runs": 1, "values": out}))
PY

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  "$py" "$work/numpy_timing.py" "${matrices[@]}" >> "$work/times.jsonl"
  solvers=lapack
  [ "$round" -eq 1 ] && solvers=lapack,ejml
  java -Xmx6g -cp "$cp" dev.joulebench.spectra.EigensolverBenchmark 1 0 "$solvers" values,vectors "${matrices[@]}" \
    >> "$work/times.jsonl"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p')
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|fma)' | sort -u | tr '\n' ' ')
"$py" - "$work" "$model" "$flags" "$threads" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
import numpy as np
work, model, flags, threads, load_before, load_after = sys.argv[1:7]
rows = [json.loads(l) for l in open(f"{work}/times.jsonl")]
cell = {}
for r in rows:  # one line per round and cell: the median over rounds, the last round's spectrum
    c = cell.setdefault((r["impl"], r["mode"], r["n"]), {"times": []})
    c["times"].append(r["median_s"])
    c["values"] = r["values"]
    c["library"] = r.get("library")
for c in cell.values():
    c["median_s"] = statistics.median(c["times"])
    c["runs"] = len(c["times"])
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["lapack"]
    numpy_lapack = f'{blas["name"]} {blas.get("version", "")}'
except Exception:  # numpy < 1.25 cannot report it as data
    numpy_lapack = "see numpy.show_config()"
lapack = cell[next(k for k in cell if k[0] == "lapack")]["library"]
print(f"CPU: {model}, {threads} threads (OPENBLAS_NUM_THREADS={threads}); flags: {flags.strip()}")
print(f"load average (1, 5, 15 min) before {load_before}, after {load_after}")
print(f"numpy {np.__version__} ({numpy_lapack}); Java lapack: {lapack}")
print()
print("| n | mode | numpy s | lapack s | lapack / numpy | ejml s | ejml / numpy | timed runs (numpy, lapack, ejml) |")
print("|---:|---|---:|---:|---:|---:|---:|---|")
worst = 0.0
for mode in ("values", "vectors"):
    for n in sorted({k[2] for k in cell}):
        base = cell[("numpy", mode, n)]
        ref = np.fromfile(base["values"])
        line = f"| {n} | {mode} | {base['median_s']:.3f} |"
        for impl in ("lapack", "ejml"):
            r = cell[(impl, mode, n)]
            got = np.fromfile(r["values"])
            worst = max(worst, float(np.max(np.abs(got - ref)) / np.max(np.abs(ref))))
            line += f" {r['median_s']:.3f} | {r['median_s'] / base['median_s']:.2f} |"
        runs = ", ".join(str(cell[(i, mode, n)]["runs"]) for i in ("numpy", "lapack", "ejml"))
        print(line + f" {runs} |")
print()
print(f"largest eigenvalue difference from numpy, relative to lambda_max: {worst:.1e}")
if worst > 1e-9:
    sys.exit("the Java solvers' spectra differ from numpy's")
PY
