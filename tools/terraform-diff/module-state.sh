#!/usr/bin/env bash
# module-state.sh [--update]: Terraform and Forma on one state with modules. Terraform 1.11.4
# applies a root that calls a module with count, one without, and a nested module with for_each
# (terraform_data only); then the same state commands run on two copies of its state, one through
# terraform, one through forma:
#   state list (all, a module, a module instance), state show of an instance in a module,
#   show -json, state rm of an instance in a module and of a whole module instance, state mv of an
#   object into another module;
# and the outputs and the state files they write are compared byte for byte. The transcript (with
# IDs neutral) is compared with module-state-results.txt beside this script (--update rewrites
# it). The state files are compared without their "terraform_version" line (each tool writes its
# own version there). A developer's check against the reference implementation: it needs terraform
# on PATH and is not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
expected="$here/module-state-results.txt"
update=false
[ "${1:-}" = "--update" ] && update=true
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
# shellcheck source=../../bin/find-jdk.sh
. "$root/bin/find-jdk.sh"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
forma="$root/bin/forma"
"$forma" version >/dev/null # builds the jar first if needed

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
transcript="$work/transcript.txt"
: >"$transcript"
note() { printf '%s\n' "$*" >>"$transcript"; }
neutral() {
  sed -E -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/UUID/g' -e 's/[ ]+$//'
}

mkdir -p "$work/tf/modules/child" "$work/tf/modules/leaf"
cat >"$work/tf/main.tf" <<'HCL'
module "c" {
  source = "./modules/child"
  count  = 2
  in     = "c${count.index}"
}
module "d" {
  source = "./modules/child"
  in     = "d"
}
resource "terraform_data" "r" {
  input = [module.c[0].out, module.d.out]
}
output "o" {
  value = module.d.out
}
HCL
cat >"$work/tf/modules/child/main.tf" <<'HCL'
variable "in" {
  type = string
}
resource "terraform_data" "a" {
  input = var.in
}
module "leaf" {
  source   = "../leaf"
  for_each = toset(["x", "y"])
  in       = "${var.in}-${each.key}"
}
output "out" {
  value = terraform_data.a.output
}
HCL
cat >"$work/tf/modules/leaf/main.tf" <<'HCL'
variable "in" {
  type = string
}
resource "terraform_data" "l" {
  input = var.in
}
HCL
(cd "$work/tf" && terraform init -input=false >/dev/null && terraform apply -auto-approve -input=false >/dev/null)

# each step: the same command through both, outputs and resulting state files compared
same=0
differ=0
step() {
  local label="$1"
  shift
  local t f
  t="$(cd "$work/t" && terraform "$@" 2>&1 | neutral)" || true
  f="$(cd "$work/f" && "$forma" "$@" 2>&1 | neutral)" || true
  note "== $label: $*"
  if [ "$t" = "$f" ]; then
    note "output: same"
    printf '%s\n' "$t" >>"$transcript"
  else
    note "output: DIFFERS"
    diff <(printf '%s\n' "$t") <(printf '%s\n' "$f") | sed 's/^/  /' >>"$transcript" || true
  fi
  # each writer records its own version (Terraform does so too): compared without that line
  if cmp -s <(grep -v '"terraform_version"' "$work/t/terraform.tfstate") \
    <(grep -v '"terraform_version"' "$work/f/terraform.tfstate"); then
    note "state file: same bytes"
    same=$((same + 1))
  else
    note "state file: DIFFERS"
    diff <(grep -v '"terraform_version"' "$work/t/terraform.tfstate") \
      <(grep -v '"terraform_version"' "$work/f/terraform.tfstate") | neutral | sed 's/^/  /' \
      >>"$transcript" || true
    differ=$((differ + 1))
  fi
}
mkdir -p "$work/t" "$work/f"
cp "$work/tf/terraform.tfstate" "$work/t/"
cp "$work/tf/terraform.tfstate" "$work/f/"

step "list everything" state list
step "list a module" state list module.c
step "list a module instance" state list 'module.c[1]'
step "list a nested module" state list 'module.d.module.leaf["x"]'
step "show an instance in a module" state show -no-color 'module.c[0].module.leaf["y"].terraform_data.l'
step "show -json" show -json -no-color
step "rm an instance in a module" state rm 'module.c[0].terraform_data.a'
step "rm a module instance" state rm 'module.d.module.leaf["y"]'
step "mv into another module" state mv 'module.c[1].terraform_data.a' 'module.e.terraform_data.b'
step "list after" state list
step "show the state" show -no-color
note "state files: $same steps the same bytes, $differ differ"

if $update; then
  cp "$transcript" "$expected"
  echo "wrote $expected"
elif diff -u "$expected" "$transcript"; then
  echo "module state: as recorded ($same same, $differ differ)"
else
  echo "module state: the transcript differs from $expected" >&2
  exit 1
fi
