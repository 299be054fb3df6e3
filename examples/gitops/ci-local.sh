#!/usr/bin/env bash
# Runs this repository's CI on this machine, the steps in the order the pipelines run them
# (.github/workflows/*.yml, .gitlab-ci.yml), against Forma's local cloud instead of Alibaba Cloud:
#
#   pull request: fmt -check; per environment init, validate, plan -out (and the plan as markdown,
#                 the pull request comment); the saved plans kept as artifacts
#   merge:        per environment apply of the saved plan, then forma check of the model endpoints
#   nightly:      forma drift (exit 0: no drift, 2: drift, 1: error)
#
# It works in a scratch copy of the folder it is in, so it runs from a copy of examples/gitops
# placed anywhere and leaves that folder as it was. The CLI is $FORMA (a command, with arguments
# if need be), else `forma` on the PATH, else bin/forma of the Forma repository this folder is in
# (or $FORMA_HOME). The state goes to PostgreSQL when PG_CONN_STR names a database, as in CI;
# otherwise each environment keeps a local state file. The local cloud is the one
# FORMA_ALICLOUD_LOCAL_URL names, else one this script starts (`forma local-cloud serve`) and stops.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'ci-local.sh: %s\n' "$*" >&2; exit 1; }

# The CLI: $FORMA, else forma on the PATH, else the repository's bin/forma.
if [ -z "${FORMA:-}" ]; then
  if command -v forma > /dev/null 2>&1; then
    FORMA=forma
  else
    repo=${FORMA_HOME:-}
    if [ -z "$repo" ]; then
      d="$here"
      while [ "$d" != / ]; do
        if [ -x "$d/bin/forma" ] && [ -f "$d/pom.xml" ]; then
          repo="$d"
          break
        fi
        d="$(dirname "$d")"
      done
    fi
    [ -n "$repo" ] && [ -x "$repo/bin/forma" ] || fail "no Forma CLI found: set FORMA to the \
command (or FORMA_HOME to the Forma repository), or put forma on the PATH."
    FORMA="$repo/bin/forma"
  fi
fi
echo "Forma CLI: $FORMA"

work=$(mktemp -d)
cloud_pid=
cleanup() {
  if [ -n "$cloud_pid" ]; then
    kill "$cloud_pid" 2> /dev/null || true
    wait "$cloud_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/repo" "$work/artifacts"
(cd "$here" && tar --exclude=.terraform --exclude=.forma --exclude='*.tfstate*' \
  --exclude='*.tfplan' -cf - .) | (cd "$work/repo" && tar -xf -)
cd "$work/repo"

# What the CI's secrets and settings give it.
export TF_IN_AUTOMATION=1 # no "run forma apply next" hints in the logs
export TF_INPUT=0         # nobody to answer a prompt
export TF_CLI_ARGS_plan="-lock-timeout=5m" # wait for a run that holds the state lock
export TF_CLI_ARGS_apply="-lock-timeout=5m"
export TF_VAR_api_key="sk-local-demo-key"

if [ -z "${FORMA_ALICLOUD_LOCAL_URL:-}" ]; then
  step "Start the local cloud (forma local-cloud serve)"
  # shellcheck disable=SC2086 # FORMA may be a command with arguments
  $FORMA local-cloud serve -port=0 -data="$work/local-cloud.json" > "$work/cloud.log" 2>&1 &
  cloud_pid=$!
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^Forma local cloud listening on \(http[^ ]*\).*/\1/p' "$work/cloud.log")
    [ -n "$url" ] && break
    kill -0 "$cloud_pid" 2> /dev/null || { cat "$work/cloud.log" >&2; fail "the local cloud did not start"; }
    sleep 0.1
  done
  [ -n "$url" ] || fail "the local cloud did not say where it listens"
  export FORMA_ALICLOUD_LOCAL_URL="$url"
fi
echo "Local cloud: $FORMA_ALICLOUD_LOCAL_URL"

# Each environment is pointed at the local cloud by an override file, as a developer would do it
# (Forma merges *_override.tf files as Terraform does); the files in Git stay as CI runs them.
for env in dev prod; do
  {
    echo '# Written by ci-local.sh: the local cloud instead of Alibaba Cloud.'
    echo 'provider "alicloud" {'
    echo '  endpoint = "local"'
    echo '}'
    if [ -z "${PG_CONN_STR:-}" ]; then
      echo 'terraform {'
      echo '  backend "local" {}'
      echo '}'
    fi
  } > "envs/$env/ci_local_override.tf"
done
if [ -n "${PG_CONN_STR:-}" ]; then
  echo "State: PostgreSQL (PG_CONN_STR), schemas forma_dev and forma_prod"
else
  echo "State: local files (set PG_CONN_STR to keep it in PostgreSQL as CI does)"
fi

# shellcheck disable=SC2086
cli() { $FORMA "$@"; }

step "Pull request: forma fmt -check -recursive"
cli fmt -check -recursive

for env in dev prod; do
  step "Pull request, $env: forma init -input=false"
  (cd "envs/$env" && cli init -input=false)
  step "Pull request, $env: forma validate"
  (cd "envs/$env" && cli validate)
  step "Pull request, $env: forma plan -out=tfplan"
  (cd "envs/$env" && cli plan -out=tfplan)
  step "Pull request, $env: forma show -markdown tfplan > plan.md (the pull request comment)"
  (cd "envs/$env" && cli show -markdown tfplan > plan.md)
  echo "plan.md: $(wc -c < "envs/$env/plan.md") bytes; its first lines:"
  head -n 5 "envs/$env/plan.md"
  cp "envs/$env/tfplan" "$work/artifacts/$env.tfplan"
  echo "Kept the saved plan as the artifact $env.tfplan"
done

for env in dev prod; do
  step "Merge, $env: forma apply of the reviewed plan (artifact $env.tfplan)"
  (cd "envs/$env" && cli apply "$work/artifacts/$env.tfplan")
  step "After apply, $env: forma check"
  (cd "envs/$env" && cli check)
done

for env in dev prod; do
  step "Nightly, $env: forma drift (0: no drift, 2: drift, 1: error)"
  rc=0
  (cd "envs/$env" && cli drift) || rc=$?
  [ "$rc" = 0 ] || fail "forma drift exited $rc in $env right after the apply"
done

step "CI steps passed"
