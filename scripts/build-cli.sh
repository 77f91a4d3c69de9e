#!/usr/bin/env bash
# Builds the hwopt CLI for running (not for tests) and prints on stdout the path of what to run:
#
#   scripts/build-cli.sh            -> artifacts/hwopt-native/hwopt   (an executable: run it as is)
#                                   or artifacts/hwopt/hwopt.dll      (run it with 'dotnet PATH')
#
# First choice: the CLI compiled to native code ahead of time (.NET Native AOT, linux-x64): no JIT and no runtime
# start-up work, which is most of a run on a few-MB model, and less memory (bench/README.md, parse benchmark). It needs
# a C toolchain to link (clang, or gcc: scripts/setup.sh installs gcc) and the ILCompiler package from the NuGet feed.
# Where that fails, it falls back to a framework-dependent publish with ReadyToRun code (crossgen2), and where that
# fails too (no crossgen2 package, another CPU architecture), to a plain Release build; each fallback says so on
# stderr. HWOPT_NATIVE=0 skips the native build; HWOPT_READY_TO_RUN=0 also skips ReadyToRun.
# Incremental: a second call with no change takes seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project="$root/src/HwOpt.Cli/HwOpt.Cli.csproj"
native_out="$root/artifacts/hwopt-native"
out="$root/artifacts/hwopt"
plain="$root/src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll"
log="$(mktemp)"; trap 'rm -f "$log"' EXIT

# The C compilers Native AOT may link with, in order: the first clang found (its default), then gcc.
linkers() {
  local c
  for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    command -v "$c" >/dev/null 2>&1 && { echo "$c"; break; }
  done
  command -v gcc >/dev/null 2>&1 && echo gcc
  return 0
}

if [ "$(uname -m)" = x86_64 ] && [ "${HWOPT_NATIVE:-1}" != 0 ] && [ "${HWOPT_READY_TO_RUN:-1}" != 0 ]; then
  tried=""
  for cc in $(linkers); do
    tried="$tried $cc"
    if dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker="$cc" \
         -o "$native_out" -nologo -clp:ErrorsOnly\;NoSummary -v:q >"$log" 2>&1 && [ -x "$native_out/hwopt" ]; then
      echo "$native_out/hwopt"
      exit 0
    fi
    echo "build-cli: native (Native AOT) publish with $cc failed:" >&2
    tail -5 "$log" >&2
  done
  if [ -z "$tried" ]; then
    echo "build-cli: no C compiler (clang or gcc) to link a native CLI; using ReadyToRun (scripts/setup.sh installs gcc)" >&2
  else
    echo "build-cli: trying ReadyToRun instead" >&2
  fi
fi
if [ "${HWOPT_READY_TO_RUN:-1}" != 0 ] && [ "$(uname -m)" = x86_64 ]; then
  if dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
       -o "$out" -nologo -clp:ErrorsOnly\;NoSummary -v:q >"$log" 2>&1; then
    echo "$out/hwopt.dll"
    exit 0
  fi
  echo "build-cli: ReadyToRun publish failed, using a plain Release build instead:" >&2
  tail -5 "$log" >&2
fi
dotnet build "$project" -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:q >&2
echo "$plain"
