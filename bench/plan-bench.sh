#!/usr/bin/env bash
# Planner scaling benchmark: solve time, optimality gap and peak memory of hwopt optimize against graph size, from
# LeNet-5 (27 kernel ops) to GPT-2 with 96 layers (about 10k ops) and Llama-2-7B with all 32 layers, generated into
# bench/out/plan-models/ by `hwopt corpus generate`. Beside each plan, in the same run, the peers' objectives: no
# fusion and greedy producer-consumer fusion (TVM FuseOps / XLA style), costed by the same model; the ratio
# greedy / hwopt says how much better the MILP's plan is predicted to be.
# For partition the peers are the best single device and greedy ORT-style placement, evaluated by the same schedule.
# Usage: bench/plan-bench.sh [MODE] [TIME_LIMIT_S]   MODE: fuse (default) | partition | sequential
# HWOPT_BENCH_REUSE=1 prints the table from the JSON reports of an earlier run without planning again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-fuse}"; limit="${2:-60}"
HWOPT_SETUP_QUIET=1 bash scripts/setup.sh
dotnet build src/HwOpt.Cli -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:q >&2
hwopt=(dotnet src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll)
gen=bench/out/plan-models; out=bench/out/plan-bench; mkdir -p "$gen" "$out"
for spec in "g48 gpt2_small 48" "g96 gpt2_small 96" "l32 llama2_7b 32"; do
  read -r dir model layers <<<"$spec"
  [ -n "$(ls "$gen/$dir"/*.mlir 2>/dev/null)" ] || "${hwopt[@]}" corpus generate --model "$model" --layers "$layers" -o "$gen/$dir" >&2
done
inputs=(corpus/models/lenet5.mlir corpus/models/mlp.mlir corpus/models/mobilenet_v2.mlir corpus/models/resnet50.mlir corpus/models/bert_base.mlir
        "$(ls "$gen"/g48/*.mlir | head -1)" "$(ls "$gen"/l32/*.mlir | head -1)" "$(ls "$gen"/g96/*.mlir | head -1)")
case "$mode" in
  fuse) pipeline="builtin.module(hwopt-fuse)" ;;
  partition) pipeline="builtin.module(hwopt-partition{devices=cpu,gpu})" ;;
  sequential) pipeline="builtin.module(hwopt-fuse,hwopt-precision{size-fraction=0.5},hwopt-partition{devices=cpu,gpu})" ;;
  *) echo "plan-bench: unknown mode $mode" >&2; exit 2 ;;
esac
echo "# plan-bench: mode $mode, pipeline $pipeline, CBC time limit ${limit} s per MILP, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
if [ "$mode" = fuse ]; then peers="greedy fusion / hwopt | no fusion / hwopt"; else peers="best single device / hwopt | greedy placement / hwopt"; fi
echo "| model | kernel ops | MILP solves | status | worst gap | solver s (sum) | slowest solve s | variables (sum) | wall s | peak RSS MB | hwopt ns | $peers |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in "${inputs[@]}"; do
  name="$(basename "$(dirname "$f")")/$(basename "$f")"
  json="$out/$(echo "$name" | tr '/' '_').$mode.json"
  [ -n "${HWOPT_BENCH_REUSE:-}" ] && [ -s "$json" ] || /usr/bin/time -f "%e %M" -o "$json.time" "${hwopt[@]}" optimize "$f" --pass-pipeline "$pipeline" --time-limit "$limit" --json --report-timing -o /dev/null > "$json" 2> "$json.log" || true
  read -r wall rss < "$json.time"
  if [ ! -s "$json" ]; then echo "| $name | failed: $(grep -o 'HW[0-9]*: .*' "$json.log" | head -1 | cut -c1-80) | | | | | | | $wall | $((rss / 1024)) | | | |"; continue; fi
  jq -r --arg name "$name" --arg wall "$wall" --arg rss "$((rss / 1024))" '
    def r(n): . * n | round / n;
    (.ops | map(select(.kernel != null)) | length) as $k
    | (.objectives | last | .objective) as $obj
    | (if (.objectives | last | .problem) == "fusion"
       then [(.baselines | map(select(.name == "greedy"))[0].objective // null), (.baselines | map(select(.name == "none"))[0].objective // null)]
       else [(.baselines | map(select(.name | startswith("single:"))) | map(.objective) | min), (.baselines | map(select(.name | startswith("greedy:")))[0].objective // null)] end) as [$greedy, $none]
    | "| \($name) | \($k) | \(.solver | length) | \(.solver | map(.status) | unique | join("/")) | \((.solver | map(.gap) | max) * 100 | r(100))% | \(.solver | map(.solve_time_s) | add | r(100)) | \(.solver | map(.solve_time_s) | max | r(100)) | \(.solver | map(.variables) | add) | \($wall) | \($rss) | \($obj | r(1)) | \(if $greedy then ($greedy / $obj | r(1000)) else "-" end) | \(if $none then ($none / $obj | r(1000)) else "-" end) |"' "$json"
done
