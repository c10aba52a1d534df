#!/usr/bin/env bash
# The translation comparison of compare_task.sh (kept for the commands already written down):
#   bench/compare_translation.sh [rounds]            (default 3)
# Environment: as compare_task.sh.
set -euo pipefail
exec "$(dirname "$0")/compare_task.sh" translation "$@"
