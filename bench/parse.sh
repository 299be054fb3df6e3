#!/usr/bin/env bash
# parse.sh [N]: generates a configuration of N resources (default 10000, about 100k lines) and
# reports the wall time and peak memory of `forma validate` on it. The CLI is built first, so the
# build is not counted. Figures from one run; rerun to compare.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
n=${1:-10000}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/gen-config.sh" "$n" "$work"
lines=$(wc -l < "$work/main.tf")
"$root/bin/forma" version >/dev/null   # builds the jar when needed
/usr/bin/time -f '%e %M' -o "$work/time" "$root/bin/forma" -chdir="$work" validate >"$work/out" 2>&1 || {
  echo "forma validate failed:"; cat "$work/out"; exit 1; }
read -r wall kb < "$work/time"
echo "forma validate: N=$n resources, $lines lines: wall ${wall}s, peak memory $((kb / 1024)) MB"
echo "target at N=10000: under 2 s wall and 512 MB"
