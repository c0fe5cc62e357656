#!/usr/bin/env bash
# GPU energy check for a machine with an NVIDIA GPU but no Java (the lent device machine).
#   scripts/gpu-energy-check.sh pack   (here) builds .gpucheck/: a jlink runtime + the jars `energy`
#                                      needs (no DJL/PyTorch: they are not loaded by `energy`), < 64 MiB
#   scripts/gpu-energy-check.sh run    (there) probes the sensors, then runs `energy watch` for 45 s
#                                      while a PyTorch matmul loop loads the GPU from 10 s to 35 s, and
#                                      checks that GPU power rises well above idle and that NVML's
#                                      energy counter and the integral of its power readings agree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.gpucheck"

pack() {
  rm -rf "$root/modules/cli/target/lib"  # copy-dependencies never removes jars of earlier builds
  (cd "$root" && ./mvnw -q -B -DskipTests package)
  rm -rf "$dir" && mkdir -p "$dir/lib"
  cp "$root/modules/cli/target/joulebench.jar" "$dir/"
  for j in "$root"/modules/cli/target/lib/*.jar; do
    case "$(basename "$j")" in
      api-*|pytorch-*|gson-*|commons-compress-*|commons-io-*|commons-codec-*|commons-lang3-*) ;;  # DJL side, unused by `energy`
      *) cp "$j" "$dir/lib/" ;;
    esac
  done
  jlink --add-modules java.base,java.logging,java.management,jdk.management,java.xml,java.naming,java.sql,jdk.unsupported \
        --strip-debug --no-man-pages --no-header-files --compress=2 --output "$dir/jre"
  cp "$root/scripts/gpu_load.py" "$dir/"
  du -sh "$dir"
}

run() {
  out="${OUT:-$dir/out}"; mkdir -p "$out"
  java=("$dir/jre/bin/java" -cp "$dir/joulebench.jar:$dir/lib/*" dev.joulebench.cli.Main)
  nvidia-smi --query-gpu=name,driver_version,power.limit --format=csv | tee "$out/nvidia-smi.txt"
  "${java[@]}" energy probe | tee "$out/probe.txt"
  "${java[@]}" energy probe --json > "$out/probe.json"
  python3 "$dir/gpu_load.py" --start 10 --seconds 25 > "$out/load.txt" 2>&1 &
  load=$!
  "${java[@]}" energy watch --seconds 45 --hz 10 | tee "$out/watch.txt"
  wait "$load" || true
  cat "$out/load.txt"
  "${java[@]}" energy watch --seconds 5 --hz 10 --json > "$out/idle.json"
  cat "$out/idle.json"
}

case "${1:-}" in
  pack) pack ;;
  run) run ;;
  *) echo "usage: $0 pack|run" >&2; exit 2 ;;
esac
