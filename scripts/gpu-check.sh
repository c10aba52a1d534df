#!/usr/bin/env bash
# Checks the GPU path: builds the jar with ND4J's CUDA backend (Maven profile "cuda": nd4j-cuda-11.6 with
# cuDNN, CUDA 11.6 libraries from cuda-platform-redist), runs the bench per cell on the GPU and, for
# comparison, on one CPU thread, then one short training run of each task on the GPU, and prints the
# figures with the backend and device each run recorded (its STARTED event).
#
#   scripts/gpu-check.sh            run from anywhere; the repository is this script's parent folder
#
# Needs an NVIDIA GPU with a driver for CUDA 11.6 or later (nvidia-smi), Java 17, Maven, and the
# network for the first CUDA build (the CUDA artifacts are about 1.5 GB and are not in a CPU-only
# ~/.m2; pass MVN_FLAGS=-o once they are). Environment:
#   MVN_FLAGS    extra Maven flags (default: none)
#   SKIP_BUILD=1 reuse target/seqplay-cuda.jar and target/seqplay-cpu.jar from an earlier run
#   SKIP_CPU=1   do not build or run the CPU jar (no GPU vs CPU column)
#   CELLS        cells for the bench (default "rnn lstm gru")
#   ITERATIONS   timed bench iterations per cell (default 10)
#   TRANSLATION=1 also run bench --task translation (seconds per epoch, 2 epochs) on the GPU
#   RUN_TIMEOUT  seconds allowed per training run (default 600)
# Output: build logs and each run's events under target/gpu-check/, the summary on standard output.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/target/gpu-check"
cuda_jar="$repo/target/seqplay-cuda.jar"
cpu_jar="$repo/target/seqplay-cpu.jar"
cells="${CELLS:-rnn lstm gru}"
iterations="${ITERATIONS:-10}"
run_timeout="${RUN_TIMEOUT:-600}"
read -r -a mvn_flags <<< "${MVN_FLAGS:-}"
mkdir -p "$out"

command -v nvidia-smi > /dev/null || { echo "gpu-check: nvidia-smi not found: no NVIDIA driver on this machine" >&2; exit 2; }
echo "== GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
echo "== Java: $(java -version 2>&1 | head -1); CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

# Maven writes target/seqplay.jar for either backend; each build is copied aside under its own name.
build() {
    local name="$1" jar="$2"
    shift 2
    echo "== building the $name jar (log: $out/build-$name.log)"
    if ! (cd "$repo" && mvn "${mvn_flags[@]}" -q -DskipTests "$@" package) > "$out/build-$name.log" 2>&1; then
        tail -20 "$out/build-$name.log" >&2
        echo "gpu-check: the $name build failed" >&2
        exit 1
    fi
    cp "$repo/target/seqplay.jar" "$jar"
}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    [[ "${SKIP_CPU:-0}" == 1 ]] || build cpu "$cpu_jar" -Pproduction
    build cuda "$cuda_jar" -Pproduction,cuda
fi
[[ -f "$cuda_jar" ]] || { echo "gpu-check: $cuda_jar missing (run without SKIP_BUILD=1)" >&2; exit 2; }

# bench lines are "cell=<c> threads=<n> chars_per_s=<v>"; prints the value for one cell.
chars_per_s() {
    grep -E "^cell=$2 " "$1" | sed -E 's/.*chars_per_s=([0-9.]+).*/\1/' | head -1
}

echo "== bench (character LM, 2 x 256, sequence 100, batch 32, float32)"
for cell in $cells; do
    OMP_NUM_THREADS=1 java -jar "$cuda_jar" bench --cell "$cell" --threads 1 --iterations "$iterations" \
        > "$out/bench-gpu-$cell.txt" 2> "$out/bench-gpu-$cell.log" || echo "gpu-check: GPU bench of $cell failed (see $out/bench-gpu-$cell.log)" >&2
    if [[ "${SKIP_CPU:-0}" != 1 && -f "$cpu_jar" ]]; then
        OMP_NUM_THREADS=1 java -jar "$cpu_jar" bench --cell "$cell" --threads 1 --iterations "$iterations" \
            > "$out/bench-cpu-$cell.txt" 2> "$out/bench-cpu-$cell.log" || echo "gpu-check: CPU bench of $cell failed" >&2
    fi
done
printf "%-5s %16s %16s %8s\n" cell "GPU chars/s" "1 CPU chars/s" "GPU/CPU"
for cell in $cells; do
    gpu="$(chars_per_s "$out/bench-gpu-$cell.txt" "$cell")"
    cpu="$( [[ -f "$out/bench-cpu-$cell.txt" ]] && chars_per_s "$out/bench-cpu-$cell.txt" "$cell" || true)"
    awk -v c="$cell" -v g="${gpu:-0}" -v p="${cpu:-0}" \
        'BEGIN { printf "%-5s %16.0f %16.0f %7.2fx\n", c, g, p, (p > 0 ? g / p : 0) }'
done

if [[ "${TRANSLATION:-0}" == 1 ]]; then
    echo "== bench --task translation on the GPU (10,000 pairs, epoch 2)"
    java -jar "$cuda_jar" bench --task translation --epochs 2 2> "$out/bench-translation.log" | grep '^task=' \
        || echo "gpu-check: translation bench failed (see $out/bench-translation.log)" >&2
fi

echo "== one short run of each task on the GPU"
declare -A specs=(
    [textgen]='{"task":"textgen","epochs":1,"maxWallSeconds":600}'
    [memory]='{"task":"memory","epochs":1,"maxWallSeconds":600}'
    [forecasting]='{"task":"forecasting","epochs":2,"maxWallSeconds":600}'
    [translation]='{"task":"translation","builtinSize":1000,"epochs":1,"maxWallSeconds":600}'
)
printf "%-12s %-10s %-9s %-40s %s\n" task status seconds device backend
for task in translation forecasting textgen memory; do
    echo "${specs[$task]}" > "$out/$task.json"
    rm -rf "$out/run-$task"
    start=$(date +%s.%N)
    timeout "$run_timeout" java -jar "$cuda_jar" train "$out/$task.json" --events --run-dir "$out/run-$task" \
        > "$out/events-$task.txt" 2> "$out/train-$task.log" || true
    seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    started="$(grep -m1 '"type":"STARTED"' "$out/events-$task.txt" || true)"
    backend="$(sed -nE 's/.*"backend":"([^"]*)".*/\1/p' <<< "$started")"
    device="$(sed -nE 's/.*"device":"([^"]*)".*/\1/p' <<< "$started")"
    status="$(grep -m1 '"type":"RESULT"' "$out/events-$task.txt" | sed -nE 's/.*"status":"([A-Z_]+)".*/\1/p' || true)"
    printf "%-12s %-10s %-9s %-40s %s\n" "$task" "${status:-NONE}" "$seconds" "${device:-?}" "${backend:-?}"
    if [[ "$status" != SUCCEEDED ]]; then
        echo "   (events: $out/events-$task.txt, log: $out/train-$task.log)"
    fi
done
