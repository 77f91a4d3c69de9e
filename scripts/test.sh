#!/usr/bin/env bash
# The README's test command: installs what is missing (scripts/setup.sh), builds, runs every test project.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Compiler.sln -c Release -nologo -clp:ErrorsOnly -v:q
status=0
passed=0; failed=0; skipped=0
for project in tests/*/*.csproj; do
  log="$(mktemp)"
  # The console logger at "minimal" prints a failed test's message and stack trace (at -v:q alone only its name).
  if ! dotnet test "$project" -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" 2>&1 | tee "$log"; then status=1; fi
  # Sum the runner's closing counts ("Passed!  - Failed: 0, Passed: 43, Skipped: 0, ...").
  line="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+' "$log" | tail -1 || true)"
  f=$(sed -nE 's/.*Failed: +([0-9]+).*/\1/p' <<<"$line"); p=$(sed -nE 's/.*Passed: +([0-9]+).*/\1/p' <<<"$line"); s=$(sed -nE 's/.*Skipped: +([0-9]+).*/\1/p' <<<"$line")
  failed=$((failed + ${f:-0})); passed=$((passed + ${p:-0})); skipped=$((skipped + ${s:-0}))
  [ -n "$line" ] || { echo "test: no result line from $project" >&2; status=1; }
  rm -f "$log"
done
# The CLI as scripts/hwopt runs it (scripts/build-cli.sh: natively compiled where a C toolchain is found): the CLI
# tests again, against that executable (HWOPT_CLI), so what users run is what is tested.
if cli="$(bash scripts/build-cli.sh)"; then
  case "$cli" in
    *.dll) echo "test: the CLI build is not native ($cli): its tests ran above" ;;
    *)
      log="$(mktemp)"
      if ! HWOPT_CLI="$cli" dotnet test tests/HwOpt.Cli.Tests/HwOpt.Cli.Tests.csproj -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" 2>&1 | tee "$log"; then status=1; fi
      line="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+' "$log" | tail -1 || true)"
      [ -n "$line" ] || { echo "test: no result line from the native CLI run" >&2; status=1; }
      echo "native CLI ($cli): ${line:-no result}"
      rm -f "$log"
      ;;
  esac
else
  echo "test: scripts/build-cli.sh failed" >&2; status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
