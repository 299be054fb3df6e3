#!/usr/bin/env bash
# http-interop.sh [--update]: Terraform and Forma on one state served over Terraform's http backend
# protocol, by the test server of the http backend's tests (HttpStateServer, GitLab's lock
# address conventions), run standalone. Checks that
#   - a state Terraform wrote is planned by Forma with "No changes.", and the reverse;
#   - a change applied by one is planned by the other with "No changes.";
#   - a lock held by one (an apply waiting for its approval) refuses the other, naming the holder.
# The transcript, with ports, IDs, times and names made neutral, is compared with
# http-interop-results.txt beside this script (--update rewrites it). A developer's check against
# the reference implementation: it needs terraform on PATH (its http backend needs no download),
# and is not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
expected="$here/http-interop-results.txt"
update=false
[ "${1:-}" = "--update" ] && update=true
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
# shellcheck source=../../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
forma="$root/bin/forma"
"$forma" version >/dev/null # builds the jar first if needed

work="$(mktemp -d)"
server_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  jobs -p | xargs -r kill 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$JAVA_HOME/bin/java" "$root/state/src/test/java/dev/forma/state/backend/http/HttpStateServer.java" \
  --port-file "$work/port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.2; done
[ -s "$work/port" ] || { cat "$work/server.log" >&2; echo "the state server did not start" >&2; exit 1; }
port="$(cat "$work/port")"
base="http://127.0.0.1:$port/state"

transcript="$work/transcript.txt"
: >"$transcript"
note() { printf '%s\n' "$*" >>"$transcript"; }

# neutral: no port, UUID, time, user, host, version of Terraform's build or temporary path
neutral() {
  sed -E \
    -e "s#127\.0\.0\.1:$port#SERVER#g" \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ \+0000 UTC/TIME/g' \
    -e "s/$(id -un)@[A-Za-z0-9._-]+/USER@HOST/g" \
    -e 's/\x1b\[[0-9;]*m//g' \
    -e 's/[ ]+$//'
}

# the backend block and resources of one state; $2: extra resources
config() {
  cat <<EOF
terraform {
  backend "http" {
    address        = "$base/$1"
    lock_address   = "$base/$1/lock"
    unlock_address = "$base/$1/lock"
    lock_method    = "POST"
    unlock_method  = "DELETE"
  }
}

resource "terraform_data" "a" {
  input = "alpha"
}

resource "terraform_data" "b" {
  input            = { size = 2, tags = ["x", "y"] }
  triggers_replace = [terraform_data.a.id]
}

output "b" {
  value = terraform_data.b.output
}
${2:-}
EOF
}

# run TOOL DIR ARGS...: runs terraform or forma in DIR, records the exit code and what it printed
# on stderr, and the "No changes." line or the plan summary of stdout
run() {
  local tool="$1" d="$2"
  shift 2
  local bin=terraform
  [ "$tool" = forma ] && bin="$forma"
  set +e
  (cd "$d" && "$bin" "$@" -no-color) >"$work/out" 2>"$work/err" </dev/null
  local rc=$?
  set -e
  note "\$ $tool $* -> exit $rc"
  grep -E '^(No changes\.|Plan: |Apply complete!)' "$work/out" | neutral | sed 's/^/  /' >>"$transcript" || true
  neutral <"$work/err" | sed '/^$/d; s/^/  ! /' >>"$transcript"
}

# hold TOOL DIR: starts "TOOL apply" in DIR, which takes the lock and waits for its approval
hold() {
  local tool="$1" d="$2" bin=terraform
  [ "$tool" = forma ] && bin="$forma"
  rm -f "$work/fifo" && mkfifo "$work/fifo"
  (cd "$d" && exec "$bin" apply -no-color <"$work/fifo" >"$work/held.out" 2>&1) &
  held_pid=$!
  exec 3>"$work/fifo"
  for _ in $(seq 1 150); do
    grep -q "Enter a value" "$work/held.out" 2>/dev/null && return 0
    sleep 0.2
  done
  cat "$work/held.out" >&2
  echo "$tool apply did not reach its approval prompt" >&2
  exit 1
}

release() {
  echo no >&3
  exec 3>&-
  wait "$held_pid" || true
}

init() { # DIR TOOL
  (cd "$1" && if [ "$2" = forma ]; then "$forma" init -no-color; else terraform init -no-color; fi) \
    >/dev/null 2>&1 || { echo "$2 init failed in $1" >&2; exit 1; }
}

mkdir -p "$work/tf" "$work/fm"

note "# Terraform writes, Forma plans"
config t2f >"$work/tf/main.tf"
cp "$work/tf/main.tf" "$work/fm/main.tf"
init "$work/tf" terraform
init "$work/fm" forma
run terraform "$work/tf" apply -auto-approve
run forma "$work/fm" plan -detailed-exitcode
note "# Forma applies a change, Terraform plans"
config t2f 'resource "terraform_data" "c" { input = 3 }' >"$work/fm/main.tf"
cp "$work/fm/main.tf" "$work/tf/main.tf"
run forma "$work/fm" apply -auto-approve
run terraform "$work/tf" plan -detailed-exitcode
note "# Terraform destroys one, Forma plans"
config t2f >"$work/tf/main.tf"
cp "$work/tf/main.tf" "$work/fm/main.tf"
run terraform "$work/tf" apply -auto-approve
run forma "$work/fm" plan -detailed-exitcode

note ""
note "# Forma writes, Terraform plans"
rm -rf "$work/tf" "$work/fm" && mkdir -p "$work/tf" "$work/fm"
config f2t >"$work/fm/main.tf"
cp "$work/fm/main.tf" "$work/tf/main.tf"
init "$work/fm" forma
init "$work/tf" terraform
run forma "$work/fm" apply -auto-approve
run terraform "$work/tf" plan -detailed-exitcode
run terraform "$work/tf" apply -auto-approve
run forma "$work/fm" plan -detailed-exitcode

note ""
note "# A lock held by Terraform refuses Forma"
config f2t 'resource "terraform_data" "d" {}' >"$work/tf/main.tf"
hold terraform "$work/tf"
run forma "$work/fm" plan
release
note "# A lock held by Forma refuses Terraform"
note "# (Terraform's http client shows its own lock info below; the ID after \"already locked\" is"
note "# the holder's, checked here against the lock Forma took)"
config f2t 'resource "terraform_data" "d" {}' >"$work/fm/main.tf"
hold forma "$work/fm"
run terraform "$work/tf" plan
holder_id="$(grep -o 'ID=[0-9a-f-]*' "$work/err" | head -n 1 | cut -d= -f2)"
lock_info="$(curl -s "$base/f2t/lock")"
if [[ "$lock_info" == *"\"ID\":\"$holder_id\""* && "$lock_info" == *'"Version":"0.1.0"'* ]]; then
  note "  (that ID is the lock of Forma's apply: $(neutral <<<"$lock_info" | sed -E 's/"Created":"[^"]*"/"Created":"TIME"/'))"
else
  note "  (that ID is not the lock Forma holds: $lock_info)"
fi
release
note "# Released: both plan again"
config f2t >"$work/fm/main.tf"
config f2t >"$work/tf/main.tf"
run forma "$work/fm" plan -detailed-exitcode
run terraform "$work/tf" plan -detailed-exitcode

if $update; then
  cp "$transcript" "$expected"
  echo "wrote $expected"
elif diff -u "$expected" "$transcript"; then
  echo "http interop: as recorded in $(basename "$expected")"
else
  echo "http interop: the transcript differs from $(basename "$expected")" >&2
  exit 1
fi
