#!/usr/bin/env bash
# hwopt setup: installs what the build, the CLI and the tests need, idempotently.
#   - Debian packages (only the missing ones): MLIR/LLVM 19 tools, CBC, XGBoost, graphviz, gnuplot, a JRE.
#   - the ANTLR 4 tool jar (from the npm package antlr4ng-cli@2.0.0) into tools/antlr/ (git-ignored).
# Safe to run many times; prints what it does; exits non-zero with a clear message when it cannot.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quiet="${HWOPT_SETUP_QUIET:-}"
say() { [ -n "$quiet" ] || echo "setup: $*" >&2; }

packages=(mlir-19-tools libmlir-19 llvm-19 coinor-libcbc-dev libxgboost-dev graphviz gnuplot default-jre-headless gcc libc6-dev jq time)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else
    echo "setup: error: HW4001: missing Debian packages: ${missing[*]}; run as root or install them with: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/hwopt-apt.log 2>&1; then
    "${sudo_cmd[@]}" apt-get update -q >>/tmp/hwopt-apt.log 2>&1 || true
    "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/hwopt-apt.log 2>&1 || {
      echo "setup: error: HW4001: apt-get install failed for: ${missing[*]} (log: /tmp/hwopt-apt.log)" >&2; tail -5 /tmp/hwopt-apt.log >&2; exit 1; }
  fi
fi

jar_dir="$root/tools/antlr"
jar="$jar_dir/antlr4-4.13.2-SNAPSHOT-complete.jar"
if [ ! -s "$jar" ]; then
  say "fetching the ANTLR tool jar (npm antlr4ng-cli@2.0.0)"
  command -v npm >/dev/null || { echo "setup: error: HW4002: npm is needed to fetch the ANTLR tool jar (apt-get install npm)" >&2; exit 1; }
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent antlr4ng-cli@2.0.0 >/dev/null 2>"$tmp/npm.log") || { echo "setup: error: HW4002: npm pack antlr4ng-cli@2.0.0 failed: $(tail -3 "$tmp/npm.log")" >&2; exit 1; }
  mkdir -p "$jar_dir"
  tar -xzf "$tmp"/antlr4ng-cli-2.0.0.tgz -C "$tmp"
  found="$(find "$tmp/package" -name 'antlr4-4.13.2-SNAPSHOT-complete.jar' | head -1)"
  [ -n "$found" ] || { echo "setup: error: HW4002: antlr4-4.13.2-SNAPSHOT-complete.jar not found in antlr4ng-cli@2.0.0" >&2; exit 1; }
  cp "$found" "$jar.tmp" && mv "$jar.tmp" "$jar"
  rm -rf "$tmp"
fi
command -v java >/dev/null || { echo "setup: error: HW4003: java not found after install (default-jre-headless)" >&2; exit 1; }
say "ready (mlir-opt: $(/usr/lib/llvm-19/bin/mlir-opt --version 2>/dev/null | grep -o 'version [0-9.]*' | head -1))"
