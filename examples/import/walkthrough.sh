#!/usr/bin/env bash
# Adopts objects made outside Forma: starts the local cloud, creates a workspace and two
# connections by hand (create-outside.sh), then adopts them with import blocks and `forma import`.
# Run from anywhere; it works in this folder. FORMA may name the forma command (default: bin/forma).
set -euo pipefail
cd "$(dirname "$0")"
FORMA=${FORMA:-../../bin/forma}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

rm -rf .forma terraform.tfstate terraform.tfstate.backup ids.auto.tfvars
mkdir -p .forma
step "Start the local cloud (objects in .forma/local-cloud.json)"
$FORMA local-cloud serve -port=0 -data=.forma/local-cloud.json > .forma/serve.log 2>&1 &
for _ in $(seq 1 100); do
  URL=$(sed -n 's/^Forma local cloud listening on //p' .forma/serve.log)
  [ -n "$URL" ] && break
  sleep 0.2
done
[ -n "$URL" ] || { cat .forma/serve.log; exit 1; }
trap 'curl -s -X POST "$URL/_emulator/shutdown" >/dev/null || true' EXIT
export FORMA_ALICLOUD_LOCAL_URL=$URL
echo "$URL"

step "Create a workspace and two connections outside Forma (their ids go to ids.auto.tfvars)"
./create-outside.sh "$URL"

step "forma query: every connection of the workspace; \"archive\" is not managed yet"
$FORMA query

step "forma import: adopt the \"archive\" connection now"
$FORMA import alicloud_pai_workspace_connection.archive \
  "$(sed -n 's/^archive_connection_id *= "\(.*\)"$/\1/p' ids.auto.tfvars)"

step "forma plan: the import blocks adopt the workspace and the \"search\" connection"
$FORMA plan

step "forma apply"
$FORMA apply -auto-approve

step "forma plan: nothing left to do"
$FORMA plan
