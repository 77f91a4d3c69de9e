#!/usr/bin/env bash
# A long parser fuzz campaign (the test suite runs 2,500 inputs; this runs 100,000 by default).
# Usage: scripts/fuzz.sh [ITERATIONS] [SEED] [--differential]
#   --differential: also compare the direct parser's tree with the ANTLR-generated parser's on every input.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds=("$root/corpus/valid" "$root/corpus/tolerant")
[ -d "$root/../shared/corpus" ] && seeds+=("$root/../shared/corpus")
exec "$root/scripts/hwopt" fuzz "${seeds[@]}" --iterations "${1:-100000}" --seed "${2:-1}" "${@:3}"
