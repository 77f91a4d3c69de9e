#!/usr/bin/env bash
# Takes a screenshot of an HTML report in headless Chromium (Debian package 'chromium', installed when missing and
# root or passwordless sudo is available). Not used by CI; for looking at what 'hwopt optimize --report X.html' renders.
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH HEIGHT]   (default window 1400x3000)
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH HEIGHT]" >&2
  exit 2
fi
report="$(realpath "$1")"
out="$(realpath -m "$2")"
width="${3:-1400}"
height="${4:-3000}"
[[ -f "$report" ]] || { echo "$0: no such file: $1" >&2; exit 1; }
if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y chromium >&2
  elif sudo -n true 2>/dev/null; then
    sudo apt-get install -y chromium >&2
  else
    echo "$0: chromium is not installed and cannot be installed without root (apt-get install chromium)" >&2
    exit 1
  fi
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$report" >&2 2>/dev/null || true
[[ -s "$out" ]] || { echo "$0: chromium wrote no screenshot" >&2; exit 1; }
echo "$out"
