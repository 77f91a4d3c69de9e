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
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
