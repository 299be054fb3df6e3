#!/usr/bin/env bash
# Walks through the modules example on the local cloud, in a scratch folder: the platform as it
# was (history/main.tf: the vectors connection in dev) is installed and applied; then main.tf,
# where prod owns that connection and a moved block says so: the plan moves it in state (and
# updates its description) and destroys nothing; then nothing is left to change. FORMA may name
# the forma command (default: bin/forma of this repository).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
FORMA=${FORMA:-$here/../../bin/forma}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/modules" "$work/"
cp "$here/history/main.tf" "$work/main.tf"
cd "$work"

step "forma init: the module calls are installed (local paths: recorded, not copied)"
$FORMA init -input=false -no-color

step "forma apply: the platform as it was, the vectors connection in dev"
$FORMA apply -auto-approve -no-color

step "prod takes over the vectors connection (main.tf with a moved block): forma plan"
cp "$here/main.tf" "$work/main.tf"
$FORMA plan -no-color -out=move.tfplan

step "forma apply move.tfplan: the connection changes address, nothing is destroyed"
$FORMA apply -no-color move.tfplan

step "forma state list"
$FORMA state list

step "Nothing left to change (exit 0 from -detailed-exitcode)"
$FORMA plan -detailed-exitcode -no-color
