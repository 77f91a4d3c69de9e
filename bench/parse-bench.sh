#!/usr/bin/env bash
# bench/parse-bench.sh: hwopt's MLIR parser against MLIR 19's own parser (mlir-opt), side by side in one run.
#
#   bench/parse-bench.sh [--runs 5] [--out bench/out] [options]
#
# Steps: self-test of the output parsers; build hwopt (Release); generate the inputs if missing
# (bench/HwOpt.Bench.Generate, seeded, then mlir-opt --mlir-print-op-generic for the generic form; and a
# model-shaped third input, one function of 10,295 ops, from 'hwopt corpus generate');
# then, per repetition, for each input, run mlir-opt then hwopt (A, B, A, B ...) so machine noise hits
# both; print a table and write OUT/parse-bench.md, OUT/parse-bench.json and OUT/runs.tsv.
#
# Speed is reported as ratio = mlir-opt parser time / hwopt parse time (> 1: hwopt faster), both measured
# in this same run. A slower hwopt is reported, not asserted (exit 0); a tool failing on an input exits 1.
#
# Options:
#   --runs N         measured runs per tool and input (default 5)
#   --warmup N       unmeasured runs per tool and input before them (default 1)
#   --out DIR        output folder (default bench/out; inputs go to DIR/inputs)
#   --only TOOL      measure only mlir-opt or only hwopt (hwopt's columns become n/a, or mlir-opt's)
#   --target-mb N    size of the custom-syntax input in MiB (default 8; raised automatically if the
#                    generic form comes out under 20 MiB)
#   --seed N         generator seed (default 20240601)
#   --regen          regenerate the inputs even if present and up to date
#   --no-build       do not build hwopt (use the existing hwopt.dll)
#   --dry-run        check the tools, run the self-test and print what would run; build and measure nothing
#   --self-test      only test the output parsers against fake lines, then exit
# Environment: MLIR_OPT (default /usr/lib/llvm-19/bin/mlir-opt), GNU_TIME (default /usr/bin/time),
#              HWOPT_DLL (default: what scripts/build-cli.sh builds, the natively compiled CLI
#              artifacts/hwopt-native/hwopt, else the ReadyToRun one artifacts/hwopt/hwopt.dll; set it to measure another
#              build, which is then not rebuilt: a .dll runs with dotnet, anything else as an executable),
#              DOTNET (default dotnet).
set -euo pipefail
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5
warmup=1
out="$root/bench/out"
only=""
target_mb=8
seed=20240601
regen=0
build=1
dry_run=0
self_test_only=0
MLIR_OPT="${MLIR_OPT:-/usr/lib/llvm-19/bin/mlir-opt}"
GNU_TIME="${GNU_TIME:-/usr/bin/time}"
hwopt_dll_given="${HWOPT_DLL:+1}"
HWOPT_DLL="${HWOPT_DLL:-$root/artifacts/hwopt-native/hwopt}"
DOTNET="${DOTNET:-dotnet}"
generator="$root/bench/HwOpt.Bench.Generate"
min_custom_bytes=$((8 * 1024 * 1024))
min_generic_bytes=$((20 * 1024 * 1024))
time_marker="parse-bench-time:"

say() { echo "parse-bench: $*" >&2; }
die() { echo "parse-bench: error: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] && is_uint "$2" && [ "$2" -ge 1 ] || die "--runs needs a positive integer"; runs="$2"; shift 2 ;;
    --warmup) [ $# -ge 2 ] && is_uint "$2" || die "--warmup needs a non-negative integer"; warmup="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] && [ -n "$2" ] || die "--out needs a folder"; out="$2"; shift 2 ;;
    --only) [ $# -ge 2 ] && { [ "$2" = mlir-opt ] || [ "$2" = hwopt ]; } || die "--only needs mlir-opt or hwopt"; only="$2"; shift 2 ;;
    --target-mb) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--target-mb needs a number"; target_mb="$2"; shift 2 ;;
    --seed) [ $# -ge 2 ] && is_uint "$2" || die "--seed needs a non-negative integer"; seed="$2"; shift 2 ;;
    --regen) regen=1; shift ;;
    --no-build) build=0; shift ;;
    --dry-run) dry_run=1; shift ;;
    --self-test) self_test_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
inputs="$out/inputs"
tools=()
[ "$only" = hwopt ] || tools+=(mlir-opt)
[ "$only" = mlir-opt ] || tools+=(hwopt)
has_tool() { local t; for t in "${tools[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

# ------------------------------------------------------------------ output parsers

# mlir-opt --mlir-timing report on stderr -> Parser wall seconds ("    0.0011 ( 91.1%)  Parser").
parse_mlir_timing() {
  awk '$NF == "Parser" && $1 ~ /^[0-9]+(\.[0-9]+)?$/ { print $1; found = 1; exit } END { exit found ? 0 : 1 }' "$1"
}

# GNU time line written with -f "$time_marker %e %M" -> "wall_s max_rss_kib".
parse_time_line() {
  awk -v m="$time_marker" '$1 == m && $2 ~ /^[0-9]+(\.[0-9]+)?$/ && $3 ~ /^[0-9]+$/ { line = $2 " " $3 }
    END { if (line == "") exit 1; print line }' "$1"
}

# hwopt's CLI contract, one stderr line:
#   hwopt-timing: read_ms=<f> parse_ms=<f> ir_ms=<f> graph_ms=<f> total_ms=<f> peak_rss_kb=<n>
# -> "read_ms parse_ms ir_ms graph_ms total_ms peak_rss_kb". Keys in any order; extra keys ignored;
# the last such line wins; a missing or non-numeric key is an error (message on stderr).
parse_hwopt_timing() {
  awk '
    index($0, "hwopt-timing:") { line = substr($0, index($0, "hwopt-timing:") + 13) }
    END {
      if (line == "") { print "no hwopt-timing: line" > "/dev/stderr"; exit 1 }
      n = split(line, f, /[ \t]+/)
      for (i = 1; i <= n; i++) { p = index(f[i], "="); if (p > 1) v[substr(f[i], 1, p - 1)] = substr(f[i], p + 1) }
      k = split("read_ms parse_ms ir_ms graph_ms total_ms peak_rss_kb", keys, " ")
      out = ""
      for (i = 1; i <= k; i++) {
        x = v[keys[i]]
        if (x !~ /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) { print "hwopt-timing: missing or non-numeric " keys[i] "=" x > "/dev/stderr"; exit 1 }
        out = out (i > 1 ? " " : "") x
      }
      print out
    }' "$1"
}

# Median of the arguments (mean of the middle two for an even count); "nan" when empty.
median() {
  [ $# -gt 0 ] || { echo nan; return; }
  printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) printf "%.6f\n", a[(NR + 1) / 2]; else printf "%.6f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# calc 'awk expression' -> value; any n/a or nan operand (or a division by zero) gives "nan".
calc() {
  case "$1" in *nan*|*n/a*|*inf*) echo nan; return ;; esac
  awk "BEGIN { x = $1; print x }" 2>/dev/null || echo nan
}
fmt() { # fmt VALUE DECIMALS -> fixed or n/a
  case "$1" in ''|nan|-nan|inf|-inf|n/a) echo "n/a" ;; *) printf "%.${2}f" "$1" ;; esac
}
json_num() { case "$1" in ''|nan|-nan|inf|-inf|n/a) echo null ;; *) printf "%.6g" "$1" ;; esac; }

self_test() {
  local d; d="$(mktemp -d)"
  local fail=0
  check() { if [ "$2" != "$3" ]; then echo "parse-bench: self-test FAILED: $1: got '$2', want '$3'" >&2; fail=1; fi; }
  cat >"$d/mlir" <<'EOF'
===-------------------------------------------------------------------------===
                         ... Execution time report ...
===-------------------------------------------------------------------------===
  Total Execution Time: 0.0012 seconds

  ----Wall Time----  ----Name----
    0.0011 ( 91.1%)  Parser
    0.0001 (  8.9%)  Output
    0.0012 (100.0%)  Total
parse-bench-time: 0.01 80588
EOF
  check "mlir-opt Parser" "$(parse_mlir_timing "$d/mlir")" "0.0011"
  check "time line" "$(parse_time_line "$d/mlir")" "0.01 80588"
  printf 'warning: something\nhwopt-timing: read_ms=12.5 parse_ms=310.25 ir_ms=80 graph_ms=4.75 total_ms=407.5 peak_rss_kb=123456\nparse-bench-time: 0.52 150000\n' >"$d/hw"
  check "hwopt-timing" "$(parse_hwopt_timing "$d/hw")" "12.5 310.25 80 4.75 407.5 123456"
  printf 'hwopt-timing: peak_rss_kb=7 total_ms=1e3 graph_ms=0.5 ir_ms=2 parse_ms=3 read_ms=4 extra_ms=9\n' >"$d/hw2"
  check "hwopt-timing (reordered, extra key)" "$(parse_hwopt_timing "$d/hw2")" "4 3 2 0.5 1e3 7"
  printf 'hwopt-timing: read_ms=1 parse_ms=2 ir_ms=3 total_ms=6 peak_rss_kb=7\n' >"$d/hw3"
  check "hwopt-timing missing graph_ms rejected" "$(parse_hwopt_timing "$d/hw3" 2>/dev/null || echo rejected)" "rejected"
  printf 'no timing here\n' >"$d/hw4"
  check "no hwopt-timing line rejected" "$(parse_hwopt_timing "$d/hw4" 2>/dev/null || echo rejected)" "rejected"
  check "no Parser line rejected" "$(parse_mlir_timing "$d/hw4" || echo rejected)" "rejected"
  check "median odd" "$(median 3 1 2)" "2.000000"
  check "median even" "$(median 4 1 3 2)" "2.500000"
  check "ratio" "$(fmt "$(calc '0.5 / 0.25')" 2)" "2.00"
  check "n/a" "$(fmt nan 2)" "n/a"
  rm -rf "$d"
  [ "$fail" -eq 0 ] || die "self-test of the output parsers failed"
  say "self-test of the output parsers passed"
}

self_test
[ "$self_test_only" -eq 0 ] || exit 0

# ------------------------------------------------------------------ tools

[ -x "$GNU_TIME" ] || die "GNU time not found at $GNU_TIME (apt-get install time, or set GNU_TIME)"
[ -x "$MLIR_OPT" ] || die "mlir-opt 19 not found at $MLIR_OPT (scripts/setup.sh installs mlir-19-tools, or set MLIR_OPT)"
command -v "$DOTNET" >/dev/null || die "dotnet not found (the .NET 10 SDK is needed to build the generator and hwopt)"
mlir_version="$("$MLIR_OPT" --version 2>/dev/null | awk '/LLVM version/ { print $NF; exit }')"
[ -n "$mlir_version" ] || mlir_version=unknown
case "$mlir_version" in 19.*) ;; *) say "warning: expected mlir-opt 19, found version '$mlir_version'" ;; esac

custom="$inputs/large_custom.mlir"
generic="$inputs/large_generic.mlir"
model="$inputs/model_gpt2_96layers.mlir"
gen_hash="$(cat "$generator"/*.cs "$generator"/*.csproj | sha256sum | cut -c1-16)"
stamp_want="seed=$seed target_mb=$target_mb generator=$gen_hash mlir=$mlir_version"
inputs_current() {
  [ -s "$custom" ] && [ -s "$generic" ] && [ -f "$inputs/stamp" ] && [ "$(cat "$inputs/stamp")" = "$stamp_want" ]
}

# The CLI to run: a .dll with dotnet, else the executable itself (the natively compiled CLI).
# hwopt_launcher sets the array hwopt_argv to the words that start it (paths with spaces stay one word each).
hwopt_launcher() { case "$HWOPT_DLL" in *.dll) hwopt_argv=("$DOTNET" "$HWOPT_DLL") ;; *) hwopt_argv=("$HWOPT_DLL") ;; esac; }
hwopt_run() { hwopt_launcher; "${hwopt_argv[@]}" "$@"; }
hwopt_cmd() { hwopt_launcher; echo "${hwopt_argv[*]} parse $1 --emit stats --timing -o /dev/null"; }
mlir_cmd() { echo "$MLIR_OPT --mlir-timing $1 -o /dev/null"; }

if [ "$dry_run" -eq 1 ]; then
  say "dry run: nothing is built, generated or measured"
  echo "tools:    ${tools[*]}"
  echo "mlir-opt: $MLIR_OPT (LLVM $mlir_version)"
  echo "time:     $GNU_TIME -f '$time_marker %e %M'"
  echo "hwopt:    $HWOPT_DLL $([ -f "$HWOPT_DLL" ] && echo "(present)" || echo "(not built yet)")"
  if has_tool hwopt && [ "$build" -eq 1 ] && [ -z "$hwopt_dll_given" ]; then echo "build:    scripts/build-cli.sh (ReadyToRun publish to artifacts/hwopt)"; fi
  if [ "$regen" -eq 0 ] && inputs_current; then
    echo "inputs:   up to date in $inputs"
  else
    echo "inputs:   would generate: $DOTNET run --project $generator -c Release -- --out $inputs --target-mb $target_mb --seed $seed"
    echo "          then: (cd $inputs && $MLIR_OPT --mlir-print-op-generic --mlir-print-debuginfo large_custom.mlir -o large_generic.mlir)"
    echo "          then verify both with mlir-opt; sizes must be >= 8 MiB (custom) and >= 20 MiB (generic)"
  fi
  echo "order:    $warmup warm-up + $runs measured repetitions; each repetition: for each input: ${tools[*]}"
  for f in "$custom" "$generic"; do
    has_tool mlir-opt && echo "  $GNU_TIME -f '$time_marker %e %M' $(mlir_cmd "$f")"
    has_tool hwopt && echo "  $GNU_TIME -f '$time_marker %e %M' $(hwopt_cmd "$f")"
  done
  echo "reports:  $out/parse-bench.md $out/parse-bench.json $out/runs.tsv"
  exit 0
fi

mkdir -p "$out" "$inputs"
logs="$out/logs"
rm -rf "$logs"
mkdir -p "$logs"

# ------------------------------------------------------------------ build hwopt

if has_tool hwopt; then
  if [ "$build" -eq 1 ] && [ -z "$hwopt_dll_given" ]; then
    say "building hwopt (Release, natively compiled, else ReadyToRun: scripts/build-cli.sh)"
    HWOPT_DLL="$(bash "$root/scripts/build-cli.sh" 2>"$logs/build.log")" \
      || { tail -20 "$logs/build.log" >&2; die "building hwopt failed (log: $logs/build.log)"; }
  fi
  [ -f "$HWOPT_DLL" ] || die "hwopt not found at $HWOPT_DLL (build it: scripts/build-cli.sh)"
fi

# ------------------------------------------------------------------ inputs

size_of() { stat -c %s "$1"; }
generate_inputs() {
  local tgt="$target_mb" attempt
  for attempt in 1 2 3; do
    say "generating $custom (target $tgt MiB, seed $seed)"
    rm -f "$custom" "$generic" "$inputs/stamp"
    "$DOTNET" run --project "$generator" -c Release -- --out "$inputs" --target-mb "$tgt" --seed "$seed" \
      >"$logs/generate.log" 2>&1 || { cat "$logs/generate.log" >&2; die "the input generator failed (log: $logs/generate.log)"; }
    [ "$(size_of "$custom")" -ge "$min_custom_bytes" ] \
      || die "generated $custom is $(size_of "$custom") bytes, under 8 MiB (raise --target-mb)"
    say "verifying it with mlir-opt and printing the generic form"
    # Run from the inputs folder so the debug locations name 'large_custom.mlir', not an absolute path.
    (cd "$inputs" && "$MLIR_OPT" large_custom.mlir -o /dev/null) >"$logs/verify-custom.log" 2>&1 \
      || { head -20 "$logs/verify-custom.log" >&2; die "mlir-opt rejects the generated $custom (log: $logs/verify-custom.log)"; }
    (cd "$inputs" && "$MLIR_OPT" --mlir-print-op-generic --mlir-print-debuginfo large_custom.mlir -o large_generic.mlir) \
      >"$logs/print-generic.log" 2>&1 \
      || { head -20 "$logs/print-generic.log" >&2; die "mlir-opt failed to print the generic form (log: $logs/print-generic.log)"; }
    (cd "$inputs" && "$MLIR_OPT" large_generic.mlir -o /dev/null) >"$logs/verify-generic.log" 2>&1 \
      || { head -20 "$logs/verify-generic.log" >&2; die "mlir-opt rejects $generic (log: $logs/verify-generic.log)"; }
    local gs; gs="$(size_of "$generic")"
    if [ "$gs" -ge "$min_generic_bytes" ]; then
      echo "$stamp_want" >"$inputs/stamp"
      say "inputs: large_custom.mlir $(size_of "$custom") bytes, large_generic.mlir $gs bytes"
      return 0
    fi
    tgt="$(awk -v t="$tgt" -v g="$gs" -v m="$min_generic_bytes" 'BEGIN { printf "%.2f", t * m / g * 1.05 }')"
    say "generic form is $gs bytes, under 20 MiB: regenerating with --target-mb $tgt"
  done
  die "could not reach a 20 MiB generic input; raise --target-mb"
}
if [ "$regen" -eq 1 ] || ! inputs_current; then
  generate_inputs
else
  say "inputs up to date in $inputs"
fi
# A third input shaped as exporters write models: one function (@forward) of 10,295 ops, GPT-2 small with 96 layers
# (1.9 MB), from hwopt's own model generator (deterministic); here a parse is short, so start-up counts.
if has_tool hwopt; then
  if [ "$regen" -eq 1 ] || [ ! -s "$model" ]; then
    say "generating $model (hwopt corpus generate --model gpt2_small --layers 96)"
    rm -rf "$inputs/model"
    hwopt_run corpus generate --model gpt2_small --layers 96 -o "$inputs/model" >"$logs/generate-model.log" 2>&1 \
      || { tail -5 "$logs/generate-model.log" >&2; die "hwopt corpus generate failed (log: $logs/generate-model.log)"; }
    mv "$inputs/model/gpt2_small_96layers.mlir" "$model" && rm -rf "$inputs/model"
    "$MLIR_OPT" "$model" -o /dev/null >"$logs/verify-model.log" 2>&1 \
      || { head -20 "$logs/verify-model.log" >&2; die "mlir-opt rejects $model (log: $logs/verify-model.log)"; }
  fi
fi

# ------------------------------------------------------------------ measure

declare -A vals  # "file|tool|metric" -> space-separated values of the measured runs
add() { vals["$1|$2|$3"]="${vals["$1|$2|$3"]:-}${vals["$1|$2|$3"]:+ }$4"; }
get() { echo "${vals["$1|$2|$3"]:-}"; }

tsv="$out/runs.tsv"
printf 'rep\twarmup\tfile\ttool\tparse_s\tmax_rss_kib\tprocess_wall_s\tread_ms\tparse_ms\tir_ms\tgraph_ms\ttotal_ms\tpeak_rss_kb\n' >"$tsv"

run_one() { # run_one REP IS_WARMUP NAME FILE TOOL
  local rep="$1" wu="$2" name="$3" f="$4" tool="$5"
  local err="$logs/$name.$tool.$rep.stderr" so="$logs/$name.$tool.$rep.stdout" rc=0
  if [ "$tool" = mlir-opt ]; then
    "$GNU_TIME" -f "$time_marker %e %M" "$MLIR_OPT" --mlir-timing "$f" -o /dev/null >"$so" 2>"$err" || rc=$?
  else
    hwopt_launcher
    "$GNU_TIME" -f "$time_marker %e %M" "${hwopt_argv[@]}" parse "$f" --emit stats --timing -o /dev/null >"$so" 2>"$err" || rc=$?
  fi
  if [ "$rc" -ne 0 ]; then
    grep -v -e "^$time_marker" -e "^Command exited with non-zero status" "$err" | tail -15 >&2 || true
    die "$tool failed on $name (exit $rc); stderr: $err"
  fi
  local tl wall rss secs br=(- - - - - -)
  tl="$(parse_time_line "$err")" || die "no GNU time line in $err"
  read -r wall rss <<<"$tl"
  if [ "$tool" = mlir-opt ]; then
    secs="$(parse_mlir_timing "$err")" || die "no 'Parser' line in mlir-opt's --mlir-timing report ($err)"
  else
    local hl
    hl="$(parse_hwopt_timing "$err")" || die "hwopt printed no valid 'hwopt-timing:' line on stderr ($err)"
    read -r -a br <<<"$hl"
    secs="$(calc "(${br[1]} + ${br[2]} + ${br[3]}) / 1000")"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$wu" "$name" "$tool" "$secs" "$rss" "$wall" "${br[@]}" >>"$tsv"
  [ "$wu" -eq 0 ] || return 0
  add "$name" "$tool" secs "$secs"; add "$name" "$tool" rss "$rss"; add "$name" "$tool" wall "$wall"
  if [ "$tool" = hwopt ]; then
    local i keys=(read_ms parse_ms ir_ms graph_ms total_ms peak_rss_kb)
    for i in 0 1 2 3 4 5; do add "$name" hwopt "${keys[$i]}" "${br[$i]}"; done
  fi
}

names=(large_custom large_generic)
declare -A file_of=([large_custom]="$custom" [large_generic]="$generic" [model_gpt2_96layers]="$model")
[ -s "$model" ] && names+=(model_gpt2_96layers)
total=$((warmup + runs))
say "measuring: $warmup warm-up + $runs runs, interleaved: ${tools[*]} on each input per repetition"
for ((r = 1; r <= total; r++)); do
  wu=0; [ "$r" -le "$warmup" ] && wu=1
  for name in "${names[@]}"; do
    for tool in "${tools[@]}"; do
      run_one "$r" "$wu" "$name" "${file_of[$name]}" "$tool"
    done
  done
  say "repetition $r/$total done$([ "$wu" -eq 1 ] && echo " (warm-up)")"
done

# ------------------------------------------------------------------ report

med() { # med FILE TOOL METRIC -> median of the measured runs, or nan
  local v; v="$(get "$1" "$2" "$3")"
  [ -n "$v" ] || { echo nan; return; }
  # shellcheck disable=SC2086  # word splitting intended
  median $v
}
git_rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
hwopt_build_kind() {
  case "$HWOPT_DLL" in
    "$root/artifacts/hwopt-native/hwopt") echo "natively compiled build (Native AOT, artifacts/hwopt-native)" ;;
    "$root/artifacts/hwopt/hwopt.dll") echo "ReadyToRun build (artifacts/hwopt)" ;;
    *) echo "build $HWOPT_DLL" ;;
  esac
}
git_dirty="$([ -n "$(git -C "$root" status --porcelain 2>/dev/null | head -1)" ] && echo true || echo false)"
dotnet_version="$("$DOTNET" --version 2>/dev/null || echo unknown)"
when="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
cores="$(nproc 2>/dev/null || echo '?')"

md="$out/parse-bench.md"
json="$out/parse-bench.json"
{
  echo "# Parse benchmark: hwopt vs mlir-opt (LLVM $mlir_version)"
  echo
  echo "$when; $cores cores ($cpu); .NET SDK $dotnet_version; git $git_rev (dirty: $git_dirty);"
  echo "$runs measured runs per tool and input (+$warmup warm-up), interleaved. Times are medians."
  echo "mlir-opt: 'Parser' wall time of --mlir-timing (includes its post-parse verification; default threading)."
  echo "hwopt: parse_ms + ir_ms + graph_ms of hwopt-timing (parse, build IR and graph), $(hwopt_build_kind)."
  echo "RSS: /usr/bin/time %M (max resident set, whole process) for both."
  echo "ratio = mlir-opt time / hwopt time: > 1 means hwopt is faster. MB = 10^6 bytes."
  echo
  echo "| file | size MB | mlir-opt parser s | hwopt parse s | mlir-opt MB/s | hwopt MB/s | ratio | mlir-opt RSS MiB | hwopt RSS MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${names[@]}"; do
    bytes="$(size_of "${file_of[$name]}")"; mb="$(calc "$bytes / 1e6")"
    mt="$(med "$name" mlir-opt secs)"; ht="$(med "$name" hwopt secs)"
    mr="$(med "$name" mlir-opt rss)"; hr="$(med "$name" hwopt rss)"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name.mlir" "$(fmt "$mb" 2)" \
      "$(fmt "$mt" 4)" "$(fmt "$ht" 4)" "$(fmt "$(calc "$mb / $mt")" 1)" "$(fmt "$(calc "$mb / $ht")" 1)" \
      "$(fmt "$(calc "$mt / $ht")" 2)" "$(fmt "$(calc "$mr / 1024")" 1)" "$(fmt "$(calc "$hr / 1024")" 1)"
  done
  echo
  echo "hwopt's own breakdown (medians of hwopt-timing; process wall = /usr/bin/time %e, incl. runtime start-up):"
  echo
  echo "| file | read ms | parse ms | ir ms | graph ms | total ms | self-reported peak RSS MiB | hwopt process wall s | mlir-opt process wall s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${names[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name.mlir" \
      "$(fmt "$(med "$name" hwopt read_ms)" 1)" "$(fmt "$(med "$name" hwopt parse_ms)" 1)" \
      "$(fmt "$(med "$name" hwopt ir_ms)" 1)" "$(fmt "$(med "$name" hwopt graph_ms)" 1)" \
      "$(fmt "$(med "$name" hwopt total_ms)" 1)" "$(fmt "$(calc "$(med "$name" hwopt peak_rss_kb) / 1024")" 1)" \
      "$(fmt "$(med "$name" hwopt wall)" 2)" "$(fmt "$(med "$name" mlir-opt wall)" 2)"
  done
} >"$md"

json_list() { local v out="" x; v="$(get "$1" "$2" "$3")"; for x in $v; do out="$out${out:+, }$(json_num "$x")"; done; echo "[$out]"; }
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
{
  echo "{"
  echo "  \"benchmark\": \"parse\","
  echo "  \"date\": $(json_str "$when"),"
  echo "  \"machine\": {\"cores\": $(json_str "$cores"), \"cpu\": $(json_str "$cpu")},"
  echo "  \"git\": {\"rev\": $(json_str "$git_rev"), \"dirty\": $git_dirty},"
  echo "  \"dotnet_sdk\": $(json_str "$dotnet_version"),"
  echo "  \"peer\": {\"name\": \"mlir-opt\", \"version\": $(json_str "$mlir_version"), \"path\": $(json_str "$MLIR_OPT")},"
  echo "  \"runs\": $runs, \"warmup\": $warmup, \"seed\": $seed, \"tools\": [$(printf '"%s",' "${tools[@]}" | sed 's/,$//')],"
  echo "  \"ratio_definition\": \"mlir-opt parser seconds / hwopt (parse+ir+graph) seconds; > 1 means hwopt faster\","
  echo "  \"files\": ["
  first=1
  for name in "${names[@]}"; do
    [ "$first" -eq 1 ] || echo "    ,"
    first=0
    bytes="$(size_of "${file_of[$name]}")"; mb="$(calc "$bytes / 1e6")"
    mt="$(med "$name" mlir-opt secs)"; ht="$(med "$name" hwopt secs)"
    echo "    {\"file\": \"$name.mlir\", \"bytes\": $bytes, \"size_mb\": $(json_num "$mb"),"
    echo "     \"ratio\": $(json_num "$(calc "$mt / $ht")"),"
    echo "     \"mlir_opt\": {\"parser_s_median\": $(json_num "$mt"), \"mb_per_s\": $(json_num "$(calc "$mb / $mt")"),"
    echo "                  \"max_rss_kib_median\": $(json_num "$(med "$name" mlir-opt rss)"), \"process_wall_s_median\": $(json_num "$(med "$name" mlir-opt wall)"),"
    echo "                  \"parser_s\": $(json_list "$name" mlir-opt secs), \"max_rss_kib\": $(json_list "$name" mlir-opt rss)},"
    echo "     \"hwopt\": {\"parse_s_median\": $(json_num "$ht"), \"mb_per_s\": $(json_num "$(calc "$mb / $ht")"),"
    echo "               \"max_rss_kib_median\": $(json_num "$(med "$name" hwopt rss)"), \"process_wall_s_median\": $(json_num "$(med "$name" hwopt wall)"),"
    printf '               "breakdown_ms_median": {'
    sep=""
    for k in read_ms parse_ms ir_ms graph_ms total_ms; do printf '%s"%s": %s' "$sep" "$k" "$(json_num "$(med "$name" hwopt "$k")")"; sep=", "; done
    echo "}, \"self_reported_peak_rss_kb_median\": $(json_num "$(med "$name" hwopt peak_rss_kb)"),"
    echo "               \"parse_s\": $(json_list "$name" hwopt secs), \"max_rss_kib\": $(json_list "$name" hwopt rss)}}"
  done
  echo "  ]"
  echo "}"
} >"$json"

echo
cat "$md"
echo
say "wrote $md, $json and $tsv"
