#!/usr/bin/env bash
# Runs Seqplay's bench and the PyTorch twin (char_lm.py) alternately, ROUNDS times per cell and
# thread count, and prints the median chars/s of each and their ratio (Seqplay / PyTorch).
# Alternating rounds spread any other load on the machine over both sides.
#
#   bench/compare.sh [rounds]            (default 3)
# Environment: SEQPLAY_JAR (default target/seqplay.jar), CELLS (default "rnn lstm gru"),
#              THREADS (default "1 2"), PYTHON (default /usr/bin/python3, Debian's, with python3-torch),
#              ITERATIONS (timed iterations per measurement, default 10).
set -euo pipefail

rounds="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
jar="${SEQPLAY_JAR:-$here/../target/seqplay.jar}"
python="${PYTHON:-/usr/bin/python3}"
cells="${CELLS:-rnn lstm gru}"
threads="${THREADS:-1 2}"
iterations="${ITERATIONS:-10}"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT

[[ -f "$jar" ]] || { echo "compare.sh: $jar not found; build it with mvn -o -q -Pproduction -DskipTests package" >&2; exit 2; }
"$python" -c 'import torch' 2>/dev/null || { echo "compare.sh: $python cannot import torch (apt-get install -y python3-torch libopenblas0-openmp)" >&2; exit 2; }

# Reads "cell=.. threads=.. chars_per_s=N" lines and records them under the given side.
record() {
    local side="$1"
    grep -E '^cell=[a-z]+ threads=[0-9]+ chars_per_s=[0-9.]+' | sed "s/^/side=$side /" >> "$results" || true
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
    for t in $threads; do
        for c in $cells; do
            echo "round $r/$rounds: $c, $t thread(s)" >&2
            OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" java -jar "$jar" bench --cell "$c" --threads "$t" \
                --iterations "$iterations" 2>/dev/null | record seqplay
            OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" "$python" "$here/char_lm.py" --cell "$c" --threads "$t" \
                --iterations "$iterations" | record pytorch
        done
    done
done

awk '
function median(list,    n, a, i, j, tmp) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { tmp = a[i]; j = i - 1; while (j >= 1 && a[j] > tmp) { a[j + 1] = a[j]; j-- } a[j + 1] = tmp }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    key = f["cell"] " " f["threads"]
    vals[f["side"], key] = vals[f["side"], key] " " f["chars_per_s"]
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
}
END {
    printf "%-5s %7s %16s %16s %7s\n", "cell", "threads", "seqplay chars/s", "pytorch chars/s", "ratio"
    for (k = 1; k <= n; k++) {
        key = order[k]; split(key, p, " ")
        s = median(vals["seqplay", key]); t = median(vals["pytorch", key])
        printf "%-5s %7s %16.0f %16.0f %6.2fx\n", p[1], p[2], s, t, (t > 0 ? s / t : 0)
    }
}' "$results"
echo "(medians of $rounds alternating rounds; ratio = Seqplay / PyTorch)"
