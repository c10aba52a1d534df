#!/usr/bin/env bash
# Launch to first metric point: starts the packaged jar on a fresh data folder, submits RUNS small
# text-generation runs one after another through the REST API, and prints for each the seconds
# from the POST to the first training-loss point the API returns (polled every 50 ms), then the
# median. The first run of a new jar also builds the trainers' class-data archive, so it is
# reported but left out of the median.
#
#   bench/first_point.sh [runs]          (default 6)
# Environment: SEQPLAY_JAR (default target/seqplay.jar), PORT (default 8795), SERVER_ARGS (more server
# options, e.g. --seqplay.trainer.blas=bundled).
set -euo pipefail

runs="${1:-6}"
here="$(cd "$(dirname "$0")" && pwd)"
jar="${SEQPLAY_JAR:-$here/../target/seqplay.jar}"
port="${PORT:-8795}"
data="$(mktemp -d)"
[[ -f "$jar" ]] || { echo "first_point.sh: $jar not found; build it with mvn -Pproduction -DskipTests package" >&2; exit 2; }

# shellcheck disable=SC2086  # SERVER_ARGS holds several options
java -jar "$jar" --server.port="$port" --seqplay.data-dir="$data" ${SERVER_ARGS:-} >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
    curl -sf "localhost:$port/api/runs" >/dev/null 2>&1 && break
    sleep 0.5
done

spec='{"task":"textgen","dataset":"builtin:agreement","epochs":1,"hiddenSize":32,"sequenceLength":50}'
echo "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for ((i = 1; i <= runs; i++)); do
    start=$(date +%s.%N)
    id=$(curl -sf -X POST "localhost:$port/api/runs" -H 'Content-Type: application/json' -d "$spec" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    while true; do
        points=$(curl -sf "localhost:$port/api/runs/$id/metrics" \
            | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("train_loss", [])))')
        [[ "$points" -gt 0 ]] && break
        sleep 0.05
    done
    seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
    printf 'run=%d first_point_s=%.2f\n' "$i" "$seconds"
    [[ $i -gt 1 ]] && times+=("$seconds")
    # wait for it to finish, so the next one starts on a free slot
    while [[ "$(curl -sf "localhost:$port/api/runs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" =~ ^(QUEUED|RUNNING)$ ]]; do
        sleep 0.2
    done
done
if [[ ${#times[@]} -gt 0 ]]; then
    printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "median first_point_s=%.2f (runs 2..%d)\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), NR+1}'
fi
