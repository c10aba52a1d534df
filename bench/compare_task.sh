#!/usr/bin/env bash
# Runs Seqplay's bench for a task and its PyTorch twin alternately, ROUNDS times, on the same
# generated data, and prints the median seconds per epoch of each (epochs after the first), split
# into training and evaluation, and the speed ratio (PyTorch seconds / Seqplay seconds, so above 1
# means Seqplay is faster). Alternating rounds spread any other load over both sides; the CPU
# seconds of each side are printed too, as a check when the machine is busy.
#
#   bench/compare_task.sh translation|forecasting [rounds]      (default 3 rounds)
#
#   translation: bench --task translation / translation.py, the pairs written by --corpus-out
#   forecasting: bench --task forecasting / forecasting.py, the series written by --data-out
#
# Environment: SEQPLAY_JAR (default target/seqplay.jar), SEQPLAY (command that runs Seqplay's CLI,
#              default "java -jar $SEQPLAY_JAR"), THREADS (default 1), EPOCHS (per run, default 3),
#              PYTHON (default /usr/bin/python3, Debian's, with python3-torch).
set -euo pipefail

usage() {
    echo "usage: bench/compare_task.sh translation|forecasting [rounds]" >&2
    exit 2
}

task="${1:-}"
rounds="${2:-3}"
case "$task" in
    translation) data_out=--corpus-out data_file=corpus.tsv twin=translation.py twin_data=--corpus ;;
    forecasting) data_out=--data-out data_file=series.csv twin=forecasting.py twin_data=--data ;;
    *) usage ;;
esac
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare_task.sh: rounds must be a positive number, not '$rounds'" >&2; usage; }

here="$(cd "$(dirname "$0")" && pwd)"
jar="${SEQPLAY_JAR:-$here/../target/seqplay.jar}"
seqplay="${SEQPLAY:-java -jar $jar}"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-1}"
epochs="${EPOCHS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${SEQPLAY:-}" && ! -f "$jar" ]]; then
    echo "compare_task.sh: $jar not found; build it with mvn -o -q -Pproduction -DskipTests package" >&2
    exit 2
fi
"$python" -c 'import torch' 2>/dev/null || { echo "compare_task.sh: $python cannot import torch (apt-get install -y python3-torch libopenblas0-openmp)" >&2; exit 2; }

# shellcheck disable=SC2086  # $seqplay is a command line
$seqplay bench --task "$task" "$data_out" "$work/$data_file" 2>"$work/seqplay.err" || {
    echo "compare_task.sh: writing the $task data failed:" >&2
    tail -5 "$work/seqplay.err" >&2
    exit 1
}

# Keeps the result lines of one side ("task=<task> ..."), tagged with it. A side that fails leaves
# none, which is reported after the rounds with the end of its error output.
record() {
    grep "^task=$task " | sed "s/^/side=$1 /" >> "$work/results" || true
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    # shellcheck disable=SC2086
    OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" $seqplay bench --task "$task" \
        --threads "$threads" --epochs "$epochs" 2>>"$work/seqplay.err" | record seqplay || true
    OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$python" "$here/$twin" "$twin_data" "$work/$data_file" \
        --threads "$threads" --epochs "$epochs" 2>>"$work/pytorch.err" | record pytorch || true
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

for side in seqplay pytorch; do
    if ! grep -q "^side=$side " "$work/results" 2>/dev/null; then
        echo "compare_task.sh: the $side side reported no epoch; the end of its error output:" >&2
        tail -5 "$work/$side.err" >&2
        exit 1
    fi
done

awk '
function median(list,    n, a, i, j, tmp) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { tmp = a[i]; j = i - 1; while (j >= 1 && a[j] > tmp) { a[j + 1] = a[j]; j-- } a[j + 1] = tmp }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    side = f["side"]
    total[side] = total[side] " " f["s_per_epoch"]; train[side] = train[side] " " f["train_s"]
    eval[side] = eval[side] " " f["eval_s"]; cpu[side] = cpu[side] " " f["cpu_s"]
}
END {
    printf "%-8s %12s %9s %8s %8s\n", "side", "s/epoch", "train s", "eval s", "cpu s"
    for (k = 1; k <= 2; k++) {
        side = k == 1 ? "seqplay" : "pytorch"
        printf "%-8s %12.2f %9.2f %8.2f %8.2f\n", side, median(total[side]), median(train[side]), median(eval[side]), median(cpu[side])
    }
    s = median(total["seqplay"]); t = median(total["pytorch"])
    cs = median(cpu["seqplay"]); ct = median(cpu["pytorch"])
    printf "ratio (PyTorch s / Seqplay s): %.2fx wall, %.2fx cpu\n", (s > 0 ? t / s : 0), (cs > 0 ? ct / cs : 0)
}' "$work/results"
if ((epochs > 1)); then measured="epochs 2..$epochs"; else measured="epoch 1, JIT warm-up included"; fi
echo "(task $task: medians over $rounds alternating rounds of $measured, $threads thread(s))"
