#!/usr/bin/env bash
# Conformance oracle: for each .mlir file that mlir-opt 19 accepts, mlir-opt's generic print of hwopt's generic print
# must be byte-identical to mlir-opt's own generic print.
# Usage: scripts/oracle.sh [--split-input-file] [FILE|DIR ...]   (default: corpus/valid)
#   --split-input-file: check each part between '// -----' lines on its own (as MLIR's own test files are written).
# Prints one line per file or part: PASS / FAIL / SKIP (mlir-opt rejects) / HWOPT-ERROR, with OPAQUE added where hwopt
# read some op in tolerant mode, and a summary. Exit 1 if any FAIL or HWOPT-ERROR.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mlir_opt=/usr/lib/llvm-19/bin/mlir-opt
hwopt_dll="${HWOPT_DLL:-$root/src/HwOpt.Cli/bin/Debug/net10.0/hwopt.dll}"
[ -f "$hwopt_dll" ] || { echo "oracle: build first: dotnet build src/HwOpt.Cli" >&2; exit 2; }
split=0
if [ "${1:-}" = "--split-input-file" ]; then split=1; shift; fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
files=()
for a in "${@:-$root/corpus/valid}"; do
  if [ -d "$a" ]; then while IFS= read -r f; do files+=("$f"); done < <(find "$a" -name '*.mlir' | sort); else files+=("$a"); fi
done
parts=()
n=0
for f in "${files[@]}"; do
  if [ "$split" -eq 1 ]; then
    n=$((n+1)); dir="$tmp/parts/$n"; mkdir -p "$dir"
    awk -v dir="$dir" 'BEGIN{k=0; out=sprintf("%s/%04d.mlir", dir, k)} /^\/\/ -----/{k++; out=sprintf("%s/%04d.mlir", dir, k); next} {print > out}' "$f"
    for p in "$dir"/*.mlir; do parts+=("$f#${p##*/}|$p"); done
  else
    parts+=("$f|$f")
  fi
done
pass=0; fail=0; skip=0; herr=0; opaque=0
for entry in "${parts[@]}"; do
  name="${entry%%|*}"; f="${entry#*|}"; name="${name%.mlir}"
  if ! "$mlir_opt" --allow-unregistered-dialect --mlir-print-op-generic "$f" -o "$tmp/ref.mlir" 2>/dev/null; then
    skip=$((skip+1)); echo "SKIP  $name"; continue; fi
  if ! dotnet "$hwopt_dll" parse "$f" -o "$tmp/h.mlir" 2>"$tmp/h.err"; then
    herr=$((herr+1)); echo "HWOPT-ERROR $name: $(head -c 300 "$tmp/h.err")"; continue; fi
  tag=""
  if grep -q "HW1016" "$tmp/h.err"; then tag=" OPAQUE"; opaque=$((opaque+1)); fi
  if "$mlir_opt" --allow-unregistered-dialect --mlir-print-op-generic "$tmp/h.mlir" -o "$tmp/re.mlir" 2>"$tmp/re.err" && cmp -s "$tmp/ref.mlir" "$tmp/re.mlir"; then
    pass=$((pass+1)); echo "PASS$tag  $name"
  else
    fail=$((fail+1)); echo "FAIL$tag  $name: $(head -c 300 "$tmp/re.err")"
    [ -n "${ORACLE_DIFF:-}" ] && diff "$tmp/ref.mlir" "$tmp/re.mlir" | head -20
  fi
done
echo "oracle: $pass passed, $fail failed, $herr hwopt errors, $skip skipped (mlir-opt rejects); $opaque with ops read in tolerant mode"
[ "$fail" -eq 0 ] && [ "$herr" -eq 0 ]
