#!/usr/bin/env bash
# Packs the hwopt dotnet tool (package id 'hwopt', command 'hwopt') and the MSBuild task package (HwOpt.Build, which
# carries the same CLI in tools/hwopt/) into a local feed, artifacts/packages/ by default.
#   scripts/pack.sh [--check] [FEED_DIR]
# --check then, in a temp folder outside the checkout: installs the tool from the feed with
# 'dotnet tool install --tool-path', runs 'hwopt optimize' on LeNet-5 with it, and builds a project that references
# HwOpt.Build from the feed (restored into a private packages folder), twice: the second build must skip HwOptCompile.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
feed="$(realpath -m "${1:-$root/artifacts/packages}")"
HWOPT_SETUP_QUIET=1 bash "$root/scripts/setup.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$feed"
version="$(sed -nE 's|.*<Version>([^<]+)</Version>.*|\1|p' "$root/src/HwOpt.Cli/HwOpt.Cli.csproj")"
for project in src/HwOpt.Cli/HwOpt.Cli.csproj src/HwOpt.Build/HwOpt.Build.csproj; do
  dotnet pack "$root/$project" -c Release -nologo -clp:ErrorsOnly\;NoSummary -v:q -o "$feed" >&2
done
ls -1 "$feed"/*."$version".nupkg
[ "$check" = 1 ] || exit 0

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "pack: checking in $work" >&2
dotnet tool install --tool-path "$work/tool" --add-source "$feed" --version "$version" hwopt >&2
mkdir -p "$work/elsewhere/models"
cp "$root/corpus/models/lenet5.mlir" "$root/corpus/models/mlp.mlir" "$work/elsewhere/models/"
(cd "$work/elsewhere" && "$work/tool/hwopt" optimize models/lenet5.mlir -o lenet5.plan.mlir --report lenet5.plan.md)
grep -q 'hwopt.kernel' "$work/elsewhere/lenet5.plan.mlir"

cat > "$work/elsewhere/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="local" value="$feed" /></packageSources>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
</configuration>
XML
cat > "$work/elsewhere/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="HwOpt.Build" Version="$version" PrivateAssets="all" />
    <HwOpt Include="models/mlp.mlir" Devices="cpu,gpu" />
  </ItemGroup>
</Project>
XML
(cd "$work/elsewhere" && dotnet build --disable-build-servers -nologo -v:m >&2)
test -s "$work/elsewhere/obj/Debug/net10.0/hwopt/mlp.opt.mlir"
test -s "$work/elsewhere/obj/Debug/net10.0/hwopt/mlp.plan.json"
(cd "$work/elsewhere" && dotnet build --disable-build-servers --no-restore -nologo -v:d) | grep -q 'Skipping target "HwOptCompile" because all output files are up-to-date'
echo "pack: ok (tool installed and ran hwopt optimize; HwOpt.Build restored from the feed, built, second build skipped HwOptCompile)"
