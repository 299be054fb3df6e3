#!/usr/bin/env bash
# modules-interop.sh [--update]: Terraform and Forma on one local state file of a configuration
# with child modules (the step1 configurations of the scenario suite's module scenarios: nested
# modules, count and for_each on calls, outputs through modules). For each configuration, checks
#   - a state Terraform 1.11.4 applied is planned by Forma with "No changes." (exit 0 with
#     -detailed-exitcode), and Forma's `state list` lists what Terraform's does;
#   - a state Forma applied is planned by Terraform with "No changes.", and the reverse list;
#   - the two states hold the same resources with the same "module" values, byte for byte once
#     IDs, lineage, serial and versions are made neutral.
# The transcript is compared with modules-interop-results.txt beside this script (--update
# rewrites it). A developer's check against the reference implementation: it needs terraform on
# PATH and is not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
expected="$here/modules-interop-results.txt"
update=false
[ "${1:-}" = "--update" ] && update=true
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is not on PATH" >&2; exit 2; }
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 LC_ALL=C
forma="$root/bin/forma"
"$forma" version > /dev/null # builds the jar first if needed
scenarios="$root/cli/src/test/resources/scenarios"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/transcript"

neutral_state() {
  jq -S 'del(.check_results) | .lineage = "L" | .serial = 0 | .terraform_version = "V"' "$1" |
    sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/ID/g'
}

# copy SCENARIO DIR: the scenario's first configuration, with its modules
copy() {
  mkdir -p "$2"
  cp "$scenarios/$1/step1/"*.tf "$2/"
  cp -r "$scenarios/$1/step1/modules" "$2/"
}

# check NAME EXIT_EXPECTED CMD...: runs CMD, records its exit and whether it said "No changes."
check() {
  local name="$1" code=0
  shift
  "$@" > "$work/cmd.out" 2>&1 || code=$?
  if grep -q "No changes." "$work/cmd.out"; then
    echo "$name: exit $code, No changes." >> "$out"
  else
    echo "$name: exit $code, CHANGES OR ERROR:" >> "$out"
    grep -E '^(  #|Error|Plan:)' "$work/cmd.out" | head -20 >> "$out"
  fi
}

for s in modules-basic modules-count-for-each; do
  echo "== $s" >> "$out"
  # Terraform applies, Forma plans
  copy "$s" "$work/$s-tf"
  (cd "$work/$s-tf" && terraform init -input=false > /dev/null && terraform apply -auto-approve -input=false > /dev/null)
  "$forma" -chdir="$work/$s-tf" init -input=false > /dev/null
  check "terraform apply, forma plan" "$forma" -chdir="$work/$s-tf" plan -detailed-exitcode -input=false
  if diff <(cd "$work/$s-tf" && terraform state list) <("$forma" -chdir="$work/$s-tf" state list) > "$work/diff"; then
    echo "state list: the same ($(wc -l < "$work/diff" | tr -d ' ') differences)" >> "$out"
  else
    echo "state list differs:" >> "$out"
    cat "$work/diff" >> "$out"
  fi
  # Forma applies, Terraform plans
  copy "$s" "$work/$s-fm"
  "$forma" -chdir="$work/$s-fm" init -input=false > /dev/null
  "$forma" -chdir="$work/$s-fm" apply -auto-approve -input=false > /dev/null
  (cd "$work/$s-fm" && terraform init -input=false > /dev/null)
  check "forma apply, terraform plan" bash -c "cd '$work/$s-fm' && terraform plan -detailed-exitcode -input=false"
  if diff <(neutral_state "$work/$s-tf/terraform.tfstate") <(neutral_state "$work/$s-fm/terraform.tfstate") > "$work/diff"; then
    echo "states: the same once IDs and versions are neutral" >> "$out"
  else
    echo "states differ:" >> "$out"
    head -40 "$work/diff" >> "$out"
  fi
done

if $update; then
  cp "$out" "$expected"
  echo "wrote $expected"
elif diff "$expected" "$out"; then
  echo "modules interop: as recorded in $(basename "$expected")"
else
  echo "modules interop: differs from $(basename "$expected") (above)" >&2
  exit 1
fi
