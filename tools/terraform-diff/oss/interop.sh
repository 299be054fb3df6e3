#!/usr/bin/env bash
# interop.sh: Terraform's own oss backend and Forma's on one bucket of the local cloud.
#
# Starts `forma local-cloud serve` on a free port, makes the bucket "forma-state" (admin
# endpoint), and runs, in one working directory whose backend "oss" points at the local cloud:
#   1. terraform init + apply          (Terraform writes env:/terraform.tfstate)
#   2. forma init + plan               (Forma reads Terraform's state: "No changes.")
#   3. forma apply of a second resource (Forma writes the state)
#   4. terraform plan                  (Terraform reads Forma's state: "No changes.")
#   5. terraform workspace new dev + apply; forma plan in dev (TF_WORKSPACE=dev)
#   6. a Forma apply waiting at its prompt holds the lock: a second forma plan is refused and
#      names the holder; terraform plan is not (without a Tablestore table Terraform's oss backend
#      does not lock, and Forma does not use the table)
# Outputs, with ports, IDs, lineages and times replaced, go to fixtures/ beside this script; the
# script fails if a step does not give the expected result. A developer's check against the
# reference implementation: it needs terraform on PATH (1.11.4 has the oss backend built in, so
# nothing is downloaded), and is not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
forma="$root/bin/forma"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not on PATH" >&2; exit 2; }
"$forma" version >/dev/null

work="$(mktemp -d)"
cloud_pid=""
cleanup() {
  if [ -n "$cloud_pid" ]; then kill "$cloud_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$forma" local-cloud serve -port "$port" -data "$work/cloud/cloud.json" >"$work/cloud.log" 2>&1 &
cloud_pid=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/_emulator/stats" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf -X POST "http://127.0.0.1:$port/_emulator/buckets" -d '{"name":"forma-state"}' >/dev/null

export ALICLOUD_ACCESS_KEY=forma-local ALICLOUD_SECRET_KEY=forma-local-secret
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
mkdir -p "$work/wd" "$here/fixtures"
cd "$work/wd"
cat >main.tf <<EOF
terraform {
  backend "oss" {
    bucket   = "forma-state"
    endpoint = "http://127.0.0.1:$port"
    region   = "cn-hangzhou"
  }
}

resource "terraform_data" "a" {
  input = "from terraform"
}
EOF

# Ports, UUIDs, lineages, times and durations vary from run to run.
normalize() {
  sed -E \
    -e "s/127\.0\.0\.1:$port/127.0.0.1:PORT/g" \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9:.]+( [+-][0-9]{4} UTC)?Z?/TIME/g' \
    -e 's/after [0-9]+m?s/after Ns/g' \
    -e 's/(Who: +)[^ ]+@[^ ]+/\1USER@HOST/' \
    -e 's/"terraform_version": "[^"]*"/"terraform_version": "VERSION"/' \
    -e 's/\x1b\[[0-9;]*m//g'
}

step() { # step NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  set +e
  "$@" >"$work/$name.out" 2>&1
  local got=$?
  set -e
  normalize <"$work/$name.out" >"$here/fixtures/$name.txt"
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want" >&2
    cat "$work/$name.out" >&2
    exit 1
  fi
  echo "ok   $name"
}

expect() { # expect NAME TEXT
  grep -qF -- "$2" "$here/fixtures/$1.txt" || { echo "FAIL $1: no \"$2\"" >&2; exit 1; }
}

step 1-terraform-init 0 terraform init -input=false -no-color
step 1-terraform-apply 0 terraform apply -auto-approve -input=false -no-color
terraform state pull | normalize >"$here/fixtures/state-written-by-terraform.json"

step 2-forma-init 0 "$forma" init -no-color
step 2-forma-plan 0 "$forma" plan -no-color -detailed-exitcode
expect 2-forma-plan "No changes."

cat >>main.tf <<'EOF'

resource "terraform_data" "b" {
  input = "from forma"
}
EOF
step 3-forma-apply 0 "$forma" apply -auto-approve -no-color
expect 3-forma-apply "Resources: 1 added, 0 changed, 0 destroyed."
"$forma" state pull | normalize >"$here/fixtures/state-written-by-forma.json"

step 4-terraform-plan 0 terraform plan -input=false -no-color -detailed-exitcode
expect 4-terraform-plan "No changes."

step 5-terraform-workspace-new 0 terraform workspace new -no-color dev
step 5-terraform-apply-dev 0 terraform apply -auto-approve -input=false -no-color
step 5-forma-plan-dev 0 env TF_WORKSPACE=dev "$forma" plan -no-color -detailed-exitcode
expect 5-forma-plan-dev "No changes."
terraform workspace select -no-color default >/dev/null

# 6: a Forma apply that waits at its prompt (for a third resource) holds the lock
cat >>main.tf <<'EOF'

resource "terraform_data" "c" {
  input = "never applied"
}
EOF
mkfifo "$work/answer"
"$forma" apply -no-color <"$work/answer" >"$work/held.out" 2>&1 &
held=$!
exec 3>"$work/answer"
for _ in $(seq 1 150); do
  grep -q "Enter a value:" "$work/held.out" 2>/dev/null && break
  sleep 0.2
done
grep -q "Enter a value:" "$work/held.out" || { echo "FAIL: forma apply did not prompt" >&2; cat "$work/held.out" >&2; exit 1; }
step 6-forma-plan-while-locked 1 "$forma" plan -no-color
expect 6-forma-plan-while-locked "Error acquiring the state lock"
expect 6-forma-plan-while-locked "Operation: OperationTypeApply"
step 6-terraform-plan-while-locked 0 terraform plan -input=false -no-color
echo no >&3
exec 3>&-
wait "$held" || true
normalize <"$work/held.out" >"$here/fixtures/6-forma-apply-held.txt"

# the bucket as both left it
(cd "$work/cloud/cloud.json.oss/forma-state" && for f in *.obj; do head -1 "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'; done | sort) \
  >"$here/fixtures/bucket-objects.txt"
echo "fixtures written to $here/fixtures"
