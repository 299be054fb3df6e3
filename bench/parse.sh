#!/usr/bin/env bash
# parse.sh [N] [--terraform]: generates a configuration of N resources (default 10000, about 134k
# lines) and reports the wall time and peak memory of `forma validate` on it. The CLI is built
# first, so the build is not counted. With --terraform (and terraform on PATH), the same file is
# validated by terraform too and the ratio is printed: figures from one run, on one machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
n=${1:-10000}
compare=${2:-}
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

if [ "$compare" = "--terraform" ] && command -v terraform >/dev/null 2>&1; then
  export TF_CLI_CONFIG_FILE=/dev/null
  (cd "$work" && terraform init -input=false >/dev/null 2>&1)
  /usr/bin/time -f '%e %M' -o "$work/time-tf" terraform -chdir="$work" validate -no-color >"$work/out-tf" 2>&1 || {
    echo "terraform validate failed:"; cat "$work/out-tf"; exit 1; }
  read -r twall tkb < "$work/time-tf"
  echo "terraform validate: wall ${twall}s, peak memory $((tkb / 1024)) MB"
  awk -v f="$wall" -v t="$twall" 'BEGIN { printf "ratio: forma takes %.3f of terraform'"'"'s wall time (%.0fx faster)\n", f / t, t / f }'
fi
