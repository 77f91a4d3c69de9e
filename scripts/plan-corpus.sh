#!/usr/bin/env bash
# Plans every corpus model in each hwopt optimize mode and writes the table of solver status, objective, bound, gap
# and solve time beside the baselines to corpus/plans/README.md (JSON reports under bench/out/plans/).
# Usage: scripts/plan-corpus.sh [MODE...]   modes: fuse precision partition sequential joint (default: all but joint)
# Environment: HWOPT_PLAN_MODELS="lenet5 mlp ..." (default: every corpus/models/*.mlir), HWOPT_TIME_LIMIT (s, default 60),
# HWOPT_PLAN_REPORT (default corpus/plans/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
HWOPT_SETUP_QUIET=1 bash scripts/setup.sh
dotnet build src/HwOpt.Cli -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:q >&2
hwopt=(dotnet src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll)
modes=("$@"); [ "${#modes[@]}" -gt 0 ] || modes=(fuse precision partition sequential)
limit="${HWOPT_TIME_LIMIT:-60}"
out=bench/out/plans; mkdir -p "$out"
report="${HWOPT_PLAN_REPORT:-corpus/plans/README.md}"
models=(); for m in ${HWOPT_PLAN_MODELS:-$(ls corpus/models/*.mlir | xargs -n1 basename | sed 's/\.mlir$//')}; do models+=("$m"); done
pipeline() {
  case "$1" in
    fuse) echo "builtin.module(hwopt-fuse)" ;;
    precision) echo "builtin.module(hwopt-precision{size-fraction=0.5})" ;;
    partition) echo "builtin.module(hwopt-partition{devices=cpu,gpu,npu})" ;;
    sequential) echo "builtin.module(hwopt-fuse,hwopt-precision{size-fraction=0.5},hwopt-partition{devices=cpu,gpu})" ;;
    joint) echo "builtin.module(hwopt-joint{devices=cpu,gpu})" ;;
    *) echo "plan-corpus: unknown mode $1" >&2; exit 2 ;;
  esac
}
for mode in "${modes[@]}"; do
  for m in "${models[@]}"; do
    json="$out/$m.$mode.json"
    echo "plan-corpus: $m $mode" >&2
    set +e
    /usr/bin/time -f "%e %M" -o "$out/$m.$mode.time" "${hwopt[@]}" optimize "corpus/models/$m.mlir" --pass-pipeline "$(pipeline "$mode")" \
      --time-limit "$limit" --json --report-timing -o /dev/null > "$json" 2> "$out/$m.$mode.log"
    echo $? > "$out/$m.$mode.rc"
    set -e
  done
done
{
  echo "# hwopt optimize on the corpus models"
  echo
  echo "Made by \`scripts/plan-corpus.sh ${modes[*]}\` on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ);"
  echo "cost model: the learned host model (cost-models/host-cpu) for host-cpu, the roofline on the other profiles; CBC,"
  echo "time limit ${limit} s per MILP. Objective and bound in the problem's unit (ns of predicted latency, Σ sensitivity);"
  echo "gap = worst over the problem's solves; time = summed solver time; wall and peak RSS of the whole command. For"
  echo "partition the objective is the realized list-schedule makespan and the bound the MILP's proven bound on its makespan"
  echo "model (critical path vs. busiest device/link), a lower bound of any schedule; 'feasible' rows stopped at the time limit."
  echo "Pipelines: fuse = \`$(pipeline fuse)\`; precision = \`$(pipeline precision)\`; partition = \`$(pipeline partition)\`; sequential = \`$(pipeline sequential)\`; joint = \`$(pipeline joint)\`."
  echo
  echo "| model | mode | exit | problem | status | objective | best bound | gap | solve s | vars | baselines (objective) | wall s | RSS MB |"
  echo "|---|---|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|"
  for mode in "${modes[@]}"; do
    for m in "${models[@]}"; do
      json="$out/$m.$mode.json"; rc="$(cat "$out/$m.$mode.rc")"; read -r wall rss < "$out/$m.$mode.time" || true
      if [ "$rc" != 0 ] || [ ! -s "$json" ]; then
        echo "| $m | $mode | $rc | - | $(grep -o 'HW[0-9]*: .*' "$out/$m.$mode.log" | head -1 | cut -c1-90 | tr '|' '/') | | | | | | | ${wall:-} | $(( ${rss:-0} / 1024 )) |"
        continue
      fi
      jq -r --arg m "$m" --arg mode "$mode" --arg rc "$rc" --arg wall "${wall:-}" --arg rss "$(( ${rss:-0} / 1024 ))" '
        def num: if . == null then "-" elif (. | fabs) >= 1e6 then (. * 1000 | floor / 1000 | tostring) else (. * 1000 | round / 1000 | tostring) end;
        . as $r
        | ($r.solver | map(.problem | sub("\\[.*";"")) | unique) as $problems
        | $problems[] as $p
        | ($r.solver | map(select((.problem | sub("\\[.*";"")) == $p))) as $s
        | "| \($m) | \($mode) | \($rc) | \($p) | \($s | map(.status) | unique | join("/")) | \($r.objectives | map(select(.problem == ($p | sub("^fusion$";"fusion")))) | (.[0].objective // null) | num) | \($s | map(.best_bound) | add | num) | \(($s | map(.gap) | max) * 100 | . * 100 | round / 100)% | \($s | map(.solve_time_s) | add | . * 100 | round / 100) | \($s | map(.variables) | add) | \($r.baselines | map(select(.problem == $p)) | map("\(.name) \(.objective | num)") | join("; ")) | \($wall) | \($rss) |"' "$json"
    done
  done
} > "$report"
echo "plan-corpus: wrote $report" >&2
