#!/usr/bin/env bash
# Prediction throughput and 'hwopt cost' wall time, side by side with the roofline baseline, in one run.
# Usage: bench/cost-bench.sh [OPS] [RUNS] [MODEL]   (defaults: 1000000 ops, 3 runs, the largest corpus model)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
ops="${1:-1000000}"; runs="${2:-3}"
model="${3:-$(ls -S corpus/models/*.mlir | head -1)}"
HWOPT_SETUP_QUIET=1 bash scripts/setup.sh
dotnet build bench/HwOpt.Bench.CostModel -c Release -nologo -v:q -clp:ErrorsOnly\;NoSummary >&2
dotnet build src/HwOpt.Cli -c Release -nologo -v:q -clp:ErrorsOnly\;NoSummary >&2
dotnet bench/HwOpt.Bench.CostModel/bin/Release/net10.0/hwopt-bench-cost.dll "$ops" "$runs" corpus/models
hwopt=(dotnet src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll)
echo "hwopt cost on $model ($(du -h "$model" | cut -f1)), median of $runs, interleaved: learned (compiled forests read from the cache,"
echo "which one warm-up run fills), learned with HWOPT_CACHE_DIR=off (every booster decompressed, parsed and compiled), --baseline:"
"${hwopt[@]}" cost "$model" -o /dev/null 2>/dev/null   # warm-up: fills the forest cache
declare -A times=()
for _ in $(seq "$runs"); do
  for mode in learned learned-no-cache baseline; do
    env=(); flag=()
    [ "$mode" = learned-no-cache ] && env=(HWOPT_CACHE_DIR=off)
    [ "$mode" = baseline ] && flag=(--baseline)
    s=$(date +%s.%N); env "${env[@]}" "${hwopt[@]}" cost "$model" "${flag[@]}" -o /dev/null 2>/dev/null; e=$(date +%s.%N)
    times[$mode]+="$(awk -v a="$s" -v b="$e" 'BEGIN {print b - a}') "
  done
done
for mode in learned learned-no-cache baseline; do
  printf '%s\n' ${times[$mode]} | sort -n | awk -v m="$mode" '{a[NR]=$1} END {printf "  %s: %.2f s (runs: ", m, a[int((NR+1)/2)]; for(i=1;i<=NR;i++) printf "%s%.2f", (i>1?", ":""), a[i]; print ")"}'
done
