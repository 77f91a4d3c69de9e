#!/usr/bin/env bash
# Verifies every generated model in corpus/models (or the files given as arguments):
#   a. mlir-opt 19 parses it (no --allow-unregistered-dialect);
#   b. `hwopt parse FILE --emit stats` succeeds; the opaque-op count is recorded (must be 0);
#   c. it lowers with cost-models/pipelines/cpu-loops.pipeline (TOSA files first through
#      builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor)));
#   d. it runs: a copy with an appended @main (every argument tensor.empty + linalg.fill 0.01, one call of @forward,
#      printF32 of the first result element) is lowered the same way and run by mlir-cpu-runner -O3; wall time recorded.
# Prints a table and writes corpus/models/verify-results.tsv (with FILE arguments: updates their rows), which `hwopt corpus generate` folds into README.md.
# Env: RUN=0 skips step d; LLAMA_RUN_SEQ (default 16) is the sequence length used for the run check of the Llama
# file (naive loops at seq 128 take too long; the run uses a regenerated copy and says so in the note column).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin=/usr/lib/llvm-19/bin
lib=/usr/lib/llvm-19/lib
opt="$bin/mlir-opt"
runner="$bin/mlir-cpu-runner"
hwopt="dotnet $root/src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll"
pipeline="$(grep -v '^#' cost-models/pipelines/cpu-loops.pipeline | grep -v '^[[:space:]]*$')"
tosa_prefix='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))'
run="${RUN:-1}"
llama_seq="${LLAMA_RUN_SEQ:-16}"
tmp="$(mktemp -d /tmp/hwopt-verify.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

[ -f "$root/src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll" ] || dotnet build "$root/src/HwOpt.Cli" -c Release -v q >/dev/null

# Appends @main to a copy of a model: fills every @forward argument with 0.01 and prints element [0,...,0] of the result.
harness() {
  python3 - "$1" "$2" <<'PY'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
text = open(src).read()
m = re.search(r'func\.func @forward\((.*?)\)\s*->\s*(tensor<[^>]+>)\s*\{', text, re.S)
args = re.findall(r'%\w+: (tensor<[^>]+>)', m.group(1))
result = m.group(2)
def elt(t): return t[len('tensor<'):-1].split('x')[-1]
lines = ['  func.func private @printF32(f32)', '  func.func private @printNewline()', '  func.func @main() {']
consts = {}
for e in sorted({elt(t) for t in args} | {elt(result)}):
    consts[e] = f'%h_c_{e}'
    lines.append(f'    %h_c_{e} = arith.constant 1.000000e-02 : {e}')
names = []
for i, t in enumerate(args):
    e = elt(t)
    lines.append(f'    %h_e{i} = tensor.empty() : {t}')
    lines.append(f'    %h_a{i} = linalg.fill ins({consts[e]} : {e}) outs(%h_e{i} : {t}) -> {t}')
    names.append(f'%h_a{i}')
lines.append(f'    %h_r = func.call @forward({", ".join(names)}) : ({", ".join(args)}) -> {result}')
rank = len(result[len('tensor<'):-1].split('x')) - 1
lines.append('    %h_i0 = arith.constant 0 : index')
lines.append(f'    %h_x = tensor.extract %h_r[{", ".join(["%h_i0"] * rank)}] : {result}')
v = '%h_x'
if elt(result) != 'f32':
    lines.append(f'    %h_f = arith.extf %h_x : {elt(result)} to f32')
    v = '%h_f'
lines += [f'    func.call @printF32({v}) : (f32) -> ()', '    func.call @printNewline() : () -> ()', '    return', '  }']
body = text.rstrip()
assert body.endswith('}')
open(dst, 'w').write(body[:-1] + '\n'.join(lines) + '\n}\n')
PY
}

# lower IN OUT TOSA(0|1)
lower() {
  if [ "$3" = 1 ]; then
    "$opt" "$1" --pass-pipeline="$tosa_prefix" -o "$tmp/pre.mlir" 2>"$tmp/err" || return 1
    "$opt" "$tmp/pre.mlir" --pass-pipeline="$pipeline" -o "$2" 2>"$tmp/err"
  else
    "$opt" "$1" --pass-pipeline="$pipeline" -o "$2" 2>"$tmp/err"
  fi
}

results="$tmp/results.tsv"
printf 'file\tmlir-opt\thwopt parse\topaque ops\tlowers\truns\twall s\tnote\n' >"$results"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(corpus/models/*.mlir)
fail=0
for f in "${files[@]}"; do
  name="$(basename "$f")"
  tosa=0; case "$name" in *_tosa*) tosa=1 ;; esac
  note=""
  a=no; "$opt" "$f" -o /dev/null 2>"$tmp/err" && a=ok
  b=no; opaque=-
  if stats="$($hwopt parse "$f" --emit stats 2>"$tmp/err")"; then
    b=ok; opaque="$(sed -n 's/.*opaque \([0-9]*\)).*/\1/p' <<<"$stats")"
  fi
  c=no; lower "$f" "$tmp/lowered.mlir" "$tosa" && c=ok
  d=skipped; wall=-
  if [ "$run" = 1 ]; then
    runsrc="$f"
    case "$name" in
      llama2_7b_*)
        layers="$(sed -n 's/.*layers=\([0-9]*\).*/\1/p' "$f" | head -1)"
        $hwopt corpus generate --model llama2_7b --layers "$layers" --seq "$llama_seq" -o "$tmp/llama" >/dev/null
        runsrc="$(ls "$tmp"/llama/*.mlir | head -1)"
        note="run check at seq $llama_seq (regenerated copy); mlir-opt, parse and lowering checks at the committed seq" ;;
    esac
    harness "$runsrc" "$tmp/harness.mlir"
    d=no
    if lower "$tmp/harness.mlir" "$tmp/harness.ll.mlir" "$tosa"; then
      start=$(date +%s.%N)
      if out="$("$runner" -O3 -e main -entry-point-result=void \
            -shared-libs="$lib/libmlir_c_runner_utils.so.19.1,$lib/libmlir_runner_utils.so.19.1" "$tmp/harness.ll.mlir" 2>"$tmp/err")"; then
        d=ok; note="${note:+$note; }printed $(echo "$out" | tail -1)"
      fi
      wall=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
    fi
  fi
  [ "$a$b$c" = okokok ] && [ "$opaque" = 0 ] && [ "$d" != no ] || { fail=1; note="${note:+$note; }$(head -c 200 "$tmp/err" | tr '\n\t' '  ')"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$a" "$b" "$opaque" "$c" "$d" "$wall" "$note" >>"$results"
  printf '%-28s mlir-opt=%-3s parse=%-3s opaque=%-2s lowers=%-3s runs=%-7s wall=%ss %s\n' "$name" "$a" "$b" "$opaque" "$c" "$d" "$wall" "$note" >&2
done
if [ $# -eq 0 ] || [ ! -f corpus/models/verify-results.tsv ]; then
  cp "$results" corpus/models/verify-results.tsv
else
  # Files given: replace (or add) their rows in the committed results, keep the others.
  python3 - "$results" corpus/models/verify-results.tsv <<'PY'
import sys
new = open(sys.argv[1]).read().splitlines()
old = open(sys.argv[2]).read().splitlines()
rows = {l.split('\t')[0]: l for l in old[1:]}
rows.update({l.split('\t')[0]: l for l in new[1:]})
open(sys.argv[2], 'w').write('\n'.join([old[0]] + [rows[k] for k in sorted(rows)]) + '\n')
PY
fi
column -t -s $'\t' "$results"
exit $fail
