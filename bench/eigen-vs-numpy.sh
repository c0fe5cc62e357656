#!/usr/bin/env bash
# Symmetric eigendecomposition of covariance-like matrices X^T X / n (X n x n Gaussian, float64, n = 1,000
# and 4,096): numpy.linalg.eigvalsh / eigh beside spectra's LAPACK (dsyevd through JNA) and EJML solvers, on
# the same matrices (written once by numpy, read by both), one after the other on this machine. Values only
# is what an ESD pays, with vectors what RMT-KD pays. Both sides: one warm-up per solver and mode at the
# first size, then up to RUNS timed runs, fewer once they add up to BUDGET seconds (EJML at 4,096 takes
# minutes a run); the median is reported, and each Java spectrum is checked against numpy's.
# OPENBLAS_NUM_THREADS=THREADS for numpy's OpenBLAS and the system's alike.
# Needs python3 with numpy (PYTHON overrides; SIZES="200 500" for a quick look).
# Usage: bench/eigen-vs-numpy.sh [RUNS] [BUDGET] [THREADS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
budget="${2:-30}"
threads="${3:-$(nproc)}"
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

"$py" - "$runs" "$budget" "${matrices[@]}" > "$work/numpy.jsonl" <<'PY'
import json, statistics, sys, time
import numpy as np
runs, budget = int(sys.argv[1]), float(sys.argv[2])
specs = [(int(n), path) for n, path in (s.split("=", 1) for s in sys.argv[3:])]
rng = np.random.default_rng(42)
for n, path in specs:
    x = rng.standard_normal((n, n))
    a = x.T @ x / n
    a = (a + a.T) / 2  # exactly symmetric, so every solver reads the same matrix whichever triangle it uses
    a.tofile(path)
for mode, solve in (("values", np.linalg.eigvalsh), ("vectors", lambda m: np.linalg.eigh(m)[0])):
    for i, (n, path) in enumerate(specs):
        a = np.fromfile(path).reshape(n, n)
        if i == 0:
            solve(a)
        times, total = [], 0.0
        while len(times) < runs and (not times or total <= budget):
            t0 = time.perf_counter()
            values = solve(a)
            times.append(time.perf_counter() - t0)
            total += times[-1]
        out = f"{path}.numpy-{mode}.values"
        values.tofile(out)
        print(json.dumps({"impl": "numpy", "mode": mode, "n": n, "median_s": statistics.median(times),
                          "min_s": min(times), "max_s": max(times), "runs": len(times), "values": out}))
PY

java -Xmx6g -cp "$cp" dev.joulebench.spectra.EigensolverBenchmark "$runs" "$budget" lapack,ejml values,vectors \
  "${matrices[@]}" > "$work/java.jsonl"

model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p')
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|fma)' | sort -u | tr '\n' ' ')
"$py" - "$work" "$model" "$flags" "$threads" <<'PY'
import json, sys
import numpy as np
work, model, flags, threads = sys.argv[1:5]
rows = [json.loads(l) for f in ("numpy", "java") for l in open(f"{work}/{f}.jsonl")]
cell = {(r["impl"], r["mode"], r["n"]): r for r in rows}
try:
    blas = np.show_config(mode="dicts")["Build Dependencies"]["lapack"]
    numpy_lapack = f'{blas["name"]} {blas.get("version", "")}'
except Exception:  # numpy < 1.25 cannot report it as data
    numpy_lapack = "see numpy.show_config()"
lapack = next(r["library"] for r in rows if r["impl"] == "lapack")
print(f"CPU: {model}, {threads} threads (OPENBLAS_NUM_THREADS={threads}); flags: {flags.strip()}")
print(f"numpy {np.__version__} ({numpy_lapack}); Java lapack: {lapack}")
print()
print("| n | mode | numpy s | lapack s | lapack / numpy | ejml s | ejml / numpy | runs (numpy, lapack, ejml) |")
print("|---:|---|---:|---:|---:|---:|---:|---|")
worst = 0.0
for mode in ("values", "vectors"):
    for n in sorted({r["n"] for r in rows}):
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
