#!/usr/bin/env bash
# pg.sh: Terraform (1.11.4, on PATH) and Forma sharing one PostgreSQL through backend "pg".
# A developer's check against the reference implementation, outside the build: it needs
# terraform on PATH (its pg backend and terraform_data need no download) and starts its own
# PostgreSQL (tools/pg-server.sh). It checks, and prints PASS or FAIL for each:
#   1. a state Terraform wrote is planned by Forma with "No changes.";
#   2. Forma changes that state, and Terraform plans the changed configuration with "No changes.";
#   3. a state Forma wrote is planned by Terraform with "No changes.";
#   4. Terraform holding the lock (at its apply prompt) refuses Forma, which names the holder's
#      session; with -lock-timeout Forma waits and then proceeds;
#   5. Forma holding the lock (at its apply prompt) refuses Terraform.
# What each command printed is kept, normalised (ports, IDs, times, process ids, user and host),
# in pg-results/ beside this script: the fixtures docs/backends.md quotes. Exit status: the
# number of failed checks.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
results="$here/pg-results"
forma="$root/bin/forma"
command -v terraform > /dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
# shellcheck source=../pg-server.sh
. "$root/tools/pg-server.sh"
"$forma" version > /dev/null # builds the jar when needed

work="$(mktemp -d)"
cleanup() {
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
pg_start "$work/pg"
export TF_CLI_CONFIG_FILE=/dev/null
rm -rf "$results"
mkdir -p "$results"

failed=0
check() { # check NAME COMMAND...: runs the test command, prints PASS or FAIL
  local name="$1"
  shift
  if "$@"; then
    echo "PASS  $name"
  else
    echo "FAIL  $name"
    failed=$((failed + 1))
  fi
}

normalise() {
  sed -E \
    -e "s/127\.0\.0\.1:$PG_PORT/127.0.0.1:PORT/g" \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/g' \
    -e 's/(Created: +)[0-9].*/\1TIME/' \
    -e 's/connected since [0-9-]+ [0-9:]+ UTC/connected since TIME/' \
    -e 's/PostgreSQL session [0-9]+/PostgreSQL session PID/' \
    -e "s/$(id -un)@$(hostname)/USER@HOST/g" \
    -e 's/(Version: +)[0-9][^ ]*/\1VERSION/' \
    -e 's/\x1b\[[0-9;]*m//g'
}

# keep NAME FILE...: the normalised output as a fixture
keep() {
  local name="$1"
  shift
  cat "$@" | normalise > "$results/$name.txt"
}

config() { # config SCHEMA EXTRA: the configuration both tools apply
  cat << EOF
terraform {
  backend "pg" {
    conn_str    = "$PG_URL"
    schema_name = "$1"
  }
}

resource "terraform_data" "web" {
  input = {
    name = "web"
    size = ${3:-2}
  }
}

resource "terraform_data" "db" {
  input            = "db-for-\${terraform_data.web.id}"
  triggers_replace = [terraform_data.web.output]
}

output "web_id" {
  value = terraform_data.web.id
}
$2
EOF
}

extra='
resource "terraform_data" "extra" {
  input = "one more"
}'

tf() { # tf DIR ARGS...
  local dir="$1"
  shift
  (cd "$dir" && terraform "$@")
}
fm() { # fm DIR ARGS...
  "$forma" -chdir="$1" "${@:2}"
}

# waits until FILE contains TEXT (30 s at most)
await() {
  for _ in $(seq 1 300); do
    grep -q "$2" "$1" 2> /dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for \"$2\" in $1:" >&2
  cat "$1" >&2
  return 1
}

# ---------------------------------------------------------------- 1, 2: Terraform writes

tfdir="$work/terraform-first"
fmdir="$work/forma-reads"
mkdir -p "$tfdir" "$fmdir"
config from_terraform "" > "$tfdir/main.tf"
config from_terraform "" > "$fmdir/main.tf"
tf "$tfdir" init -input=false -no-color > "$work/tf-init.out" 2>&1
tf "$tfdir" apply -auto-approve -no-color > "$work/tf-apply.out" 2>&1
keep 01-terraform-apply "$work/tf-apply.out"
code=0
fm "$fmdir" plan -no-color -detailed-exitcode > "$work/fm-plan.out" 2>&1 || code=$?
keep 02-forma-plans-terraforms-state "$work/fm-plan.out"
check "Forma plans the state Terraform wrote: No changes (exit $code)" \
  bash -c "[ $code = 0 ] && grep -q 'No changes.' '$work/fm-plan.out'"

config from_terraform "" 3 > "$fmdir/main.tf"
fm "$fmdir" apply -auto-approve -no-color > "$work/fm-apply.out" 2>&1
keep 03-forma-updates-terraforms-state "$work/fm-apply.out"
config from_terraform "" 3 > "$tfdir/main.tf"
code=0
tf "$tfdir" plan -no-color -detailed-exitcode > "$work/tf-plan.out" 2>&1 || code=$?
keep 04-terraform-plans-after-formas-update "$work/tf-plan.out"
check "Terraform plans the state Forma updated: No changes (exit $code)" \
  bash -c "[ $code = 0 ] && grep -q 'No changes.' '$work/tf-plan.out'"

# ---------------------------------------------------------------- 3: Forma writes

fmdir2="$work/forma-first"
tfdir2="$work/terraform-reads"
mkdir -p "$fmdir2" "$tfdir2"
config from_forma "" > "$fmdir2/main.tf"
config from_forma "" > "$tfdir2/main.tf"
fm "$fmdir2" apply -auto-approve -no-color > "$work/fm-apply2.out" 2>&1
keep 05-forma-apply "$work/fm-apply2.out"
tf "$tfdir2" init -input=false -no-color > "$work/tf-init2.out" 2>&1
code=0
tf "$tfdir2" plan -no-color -detailed-exitcode > "$work/tf-plan2.out" 2>&1 || code=$?
keep 06-terraform-plans-formas-state "$work/tf-plan2.out"
check "Terraform plans the state Forma wrote: No changes (exit $code)" \
  bash -c "[ $code = 0 ] && grep -q 'No changes.' '$work/tf-plan2.out'"

# ---------------------------------------------------------------- 4: Terraform holds the lock

config from_terraform "$extra" 3 > "$tfdir/main.tf"
mkfifo "$work/tf-answer"
tf "$tfdir" apply -no-color < "$work/tf-answer" > "$work/tf-held.out" 2>&1 &
tf_pid=$!
exec 7> "$work/tf-answer"
await "$work/tf-held.out" "Enter a value:"
code=0
fm "$fmdir" plan -no-color > "$work/fm-refused.out" 2>&1 || code=$?
keep 07-forma-refused-while-terraform-holds-the-lock "$work/fm-refused.out"
check "Forma is refused while Terraform holds the lock, naming its session (exit $code)" \
  bash -c "[ $code = 1 ] && grep -q 'Error acquiring the state lock' '$work/fm-refused.out' \
    && grep -q 'Workspace is already locked: default' '$work/fm-refused.out' \
    && tr '\n' ' ' < '$work/fm-refused.out' | grep -q 'The lock is held by PostgreSQL session'"
# with a timeout Forma waits: Terraform is answered "no" three seconds later
code=0
start=$(date +%s)
(sleep 3 && echo no >&7) &
fm "$fmdir" plan -no-color -lock-timeout=60s > "$work/fm-waited.out" 2>&1 || code=$?
waited=$(($(date +%s) - start))
exec 7>&-
wait "$tf_pid" || true
keep 08-terraform-cancelled "$work/tf-held.out"
keep 09-forma-waited-with-lock-timeout "$work/fm-waited.out"
check "With -lock-timeout=60s Forma waits ${waited}s for Terraform, then plans (exit $code)" \
  bash -c "[ $code = 0 ] && [ $waited -ge 3 ] && grep -q 'No changes.' '$work/fm-waited.out'"

# ---------------------------------------------------------------- 5: Forma holds the lock

config from_terraform "$extra" 3 > "$fmdir/main.tf"
mkfifo "$work/fm-answer"
fm "$fmdir" apply -no-color < "$work/fm-answer" > "$work/fm-held.out" 2>&1 &
fm_pid=$!
exec 8> "$work/fm-answer"
await "$work/fm-held.out" "Enter a value:"
code=0
tf "$tfdir" plan -no-color > "$work/tf-refused.out" 2>&1 || code=$?
keep 10-terraform-refused-while-forma-holds-the-lock "$work/tf-refused.out"
echo no >&8
exec 8>&-
wait "$fm_pid" || true
keep 11-forma-cancelled "$work/fm-held.out"
check "Terraform is refused while Forma holds the lock (exit $code)" \
  bash -c "[ $code = 1 ] && grep -q 'Error acquiring the state lock' '$work/tf-refused.out' \
    && grep -q 'Workspace is already locked: default' '$work/tf-refused.out'"

psql -q "$PG_URL" -c '\dt from_terraform.*' -c '\dt from_forma.*' 2>&1 | normalise \
  > "$results/12-tables.txt"
echo "$failed check(s) failed; outputs in ${results#"$root/"}/"
exit "$failed"
