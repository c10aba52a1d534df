#!/usr/bin/env bash
# Runs Seqplay's translation bench and the PyTorch twin (translation.py) alternately, ROUNDS times,
# on the same generated pairs and split, and prints the median seconds per epoch of each (epochs after
# the first), split into training and evaluation, and the speed ratio (PyTorch seconds / Seqplay seconds,
# so above 1 means Seqplay is faster). Alternating rounds spread any other load over both sides; the
# CPU seconds of each side are printed too, as a check when the machine is busy.
#
#   bench/compare_translation.sh [rounds]            (default 3)
# Environment: SEQPLAY_JAR (default target/seqplay.jar), SEQPLAY (command that runs Seqplay's CLI,
#              default "java -jar $SEQPLAY_JAR"), THREADS (default 1), EPOCHS (per run, default 3),
#              PYTHON (default /usr/bin/python3, Debian's, with python3-torch).
set -euo pipefail

rounds="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
jar="${SEQPLAY_JAR:-$here/../target/seqplay.jar}"
seqplay="${SEQPLAY:-java -jar $jar}"
python="${PYTHON:-/usr/bin/python3}"
threads="${THREADS:-1}"
epochs="${EPOCHS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ -z "${SEQPLAY:-}" && ! -f "$jar" ]]; then
    echo "compare_translation.sh: $jar not found; build it with mvn -o -q -Pproduction -DskipTests package" >&2
    exit 2
fi
"$python" -c 'import torch' 2>/dev/null || { echo "compare_translation.sh: $python cannot import torch (apt-get install -y python3-torch libopenblas0-openmp)" >&2; exit 2; }

# shellcheck disable=SC2086  # $seqplay is a command line
$seqplay bench --task translation --corpus-out "$work/corpus.tsv" 2>/dev/null

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    # shellcheck disable=SC2086
    OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" $seqplay bench --task translation \
        --threads "$threads" --epochs "$epochs" 2>/dev/null | grep '^task=translation' | sed 's/^/side=seqplay /' >> "$work/results" || true
    OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$python" "$here/translation.py" --corpus "$work/corpus.tsv" \
        --threads "$threads" --epochs "$epochs" | grep '^task=translation' | sed 's/^/side=pytorch /' >> "$work/results" || true
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

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
echo "(medians over $rounds alternating rounds of epochs 2..$epochs, $threads thread(s))"
