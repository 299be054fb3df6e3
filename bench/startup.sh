#!/usr/bin/env bash
# startup.sh [RUNS]: how long a short command takes from start to exit, beside Terraform in the
# same run: `version`, and `validate` of a two-resource configuration, each run RUNS times
# (default 11) after a warm-up, Forma and Terraform alternating so that both see the same load.
# Prints the median and range of each and the ratio of the medians (target: at most 5x), with
# the load average. Forma runs through bin/forma, as a user runs it (the launcher script, the JDK
# search, the class-data archive); Terraform 1.11.4 must be on PATH (skipped when it is not).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
forma="$root/bin/forma"
runs=${1:-11}

"$forma" version > /dev/null # builds the jar (and the class-data archive) when needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/main.tf" <<'TF'
resource "terraform_data" "a" {
  input = "a"
}

resource "terraform_data" "b" {
  input = terraform_data.a.id
}
TF
tf=""
if command -v terraform > /dev/null 2>&1; then
  tf=terraform
  (cd "$work" && terraform init -input=false > /dev/null 2>&1) || true
fi

# seconds NAME CMD...: appends CMD's wall time in seconds to $work/NAME
seconds() {
  local name="$1" start end
  shift
  start=$EPOCHREALTIME
  "$@" > /dev/null 2>&1 || { echo "$* failed" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v s="${start/,/.}" -v e="${end/,/.}" 'BEGIN { printf "%.4f\n", e - s }' >> "$work/$name"
}

# stats NAME: "median (min-max)" of $work/NAME
stats() {
  sort -n "$work/$1" | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f s (%.3f-%.3f)", m, v[1], v[NR] }'
}
median() { sort -n "$work/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "start-up, $runs runs each; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for what in version validate; do
  for i in $(seq 0 "$runs"); do
    [ "$i" = 0 ] && w=warm- || w=""
    if [ "$what" = version ]; then
      seconds "${w}forma-$what" "$forma" version
      [ -z "$tf" ] || seconds "${w}tf-$what" terraform version
    else
      seconds "${w}forma-$what" "$forma" -chdir="$work" validate
      [ -z "$tf" ] || seconds "${w}tf-$what" terraform -chdir="$work" validate
    fi
  done
  printf '  %-9s forma %s' "$what" "$(stats "forma-$what")"
  if [ -n "$tf" ]; then
    ratio=$(awk -v f="$(median "forma-$what")" -v t="$(median "tf-$what")" 'BEGIN { printf "%.1f", f / t }')
    printf ', terraform %s: %sx' "$(stats "tf-$what")" "$ratio"
  fi
  echo
done
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
