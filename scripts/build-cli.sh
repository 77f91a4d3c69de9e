#!/usr/bin/env bash
# Builds the hwopt CLI for running (not for tests) and prints the path of its hwopt.dll on stdout.
#
#   scripts/build-cli.sh            -> artifacts/hwopt/hwopt.dll
#
# The CLI is published framework-dependent for linux-x64 with ReadyToRun code (crossgen2, .NET's ahead-of-time
# compiler for IL): the methods are compiled once here instead of by the JIT at every start, which is a large share of
# a run on a few-MB model (bench/README.md, parse benchmark). Incremental: a second call with no change takes seconds.
# Where ReadyToRun cannot be had (no crossgen2 package in the NuGet feed, another CPU architecture), it falls back to a
# plain Release build and says so on stderr. HWOPT_READY_TO_RUN=0 asks for the plain build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
project="$root/src/HwOpt.Cli/HwOpt.Cli.csproj"
out="$root/artifacts/hwopt"
plain="$root/src/HwOpt.Cli/bin/Release/net10.0/hwopt.dll"
log="$(mktemp)"; trap 'rm -f "$log"' EXIT
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
