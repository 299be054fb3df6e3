#!/usr/bin/env bash
# modules.sh [N] [RUNS]: the cost of modules in a no-op plan. N terraform_data resources (default
# 10000) are laid out twice: all in the root module (gen-scale.sh), and spread over N/100 instances
# of one child module (for_each over N/100 keys; the module holds one group of 100 in the same
# chains and fan-outs). Both are applied, then their no-op plans (with refresh, as a user runs
# `forma plan`) alternate RUNS times (default 5): root, modules, root, modules, ... The ratio is
# taken pair by pair and its median reported, with each side's median wall time and peak memory,
# against the target: modules within 1.3x of the root module. The load average is printed: on a
# shared machine figures vary, so compare ratios from one run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
forma="$root/bin/forma"
n=${1:-10000}
runs=${2:-5}
groups=$((n / 100))

"$forma" version > /dev/null # builds the jar (and the class-data archive) when needed

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the root-module layout
"$here/gen-scale.sh" "$n" "$work/flat"

# the same resources spread over module instances: one group of 100 as a module
mkdir -p "$work/mods/group"
"$here/gen-scale.sh" 100 "$work/mods/group"
awk -v g="$groups" 'BEGIN {
  print "module \"group\" {"
  print "  source   = \"./group\""
  printf "  for_each = toset(["
  for (i = 0; i < g; i++) printf "%s\"g%d\"", (i ? ", " : ""), i
  print "])"
  print "}"
}' > "$work/mods/main.tf"

for layout in flat mods; do
  "$forma" -chdir="$work/$layout" init -input=false > "$work/$layout-init.out"
  "$forma" -chdir="$work/$layout" apply -auto-approve -input=false > "$work/$layout-apply.out"
  grep -q "Resources: $n added" "$work/$layout-apply.out" || {
    echo "apply of the $layout layout did not add $n resources:" >&2
    tail -20 "$work/$layout-apply.out" >&2
    exit 1
  }
done

# timed LAYOUT: a no-op plan; appends "wall kb" to $work/LAYOUT.times
timed() {
  /usr/bin/time -f '%e %M' -o "$work/time" "$forma" -chdir="$work/$1" plan -input=false \
    > "$work/$1-plan.out" 2>&1
  grep -q "No changes." "$work/$1-plan.out" || {
    echo "the no-op plan of the $1 layout found changes:" >&2
    tail -20 "$work/$1-plan.out" >&2
    exit 1
  }
  tail -1 "$work/time" >> "$work/$1.times"
}

echo "N=$n terraform_data resources, $groups module instances; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
timed flat # warm-up pair, not counted
timed mods
rm -f "$work/flat.times" "$work/mods.times"
for ((i = 0; i < runs; i++)); do
  timed flat
  timed mods
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
paste "$work/mods.times" "$work/flat.times" | awk '{ printf "%.3f\n", $1 / $3 }' > "$work/ratios"
printf '  %-44s %6ss (%s to %s), %5s MB\n' "forma plan (no-op), root module" \
  "$(cut -d' ' -f1 "$work/flat.times" | median)" "$(cut -d' ' -f1 "$work/flat.times" | sort -n | head -1)" \
  "$(cut -d' ' -f1 "$work/flat.times" | sort -n | tail -1)" "$(($(cut -d' ' -f2 "$work/flat.times" | median | cut -d. -f1) / 1024))"
printf '  %-44s %6ss (%s to %s), %5s MB\n' "forma plan (no-op), $groups module instances" \
  "$(cut -d' ' -f1 "$work/mods.times" | median)" "$(cut -d' ' -f1 "$work/mods.times" | sort -n | head -1)" \
  "$(cut -d' ' -f1 "$work/mods.times" | sort -n | tail -1)" "$(($(cut -d' ' -f2 "$work/mods.times" | median | cut -d. -f1) / 1024))"
ratio=$(median < "$work/ratios")
printf '  %-44s %6sx (pairs: %s)   (target within 1.3x: %s)\n' "modules / root, median of pairs" "$ratio" \
  "$(tr '\n' ' ' < "$work/ratios" | sed 's/ $//')" "$(awk -v r="$ratio" 'BEGIN { print (r <= 1.3) ? "ok" : "MISSED" }')"
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
