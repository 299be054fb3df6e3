#!/usr/bin/env bash
# Three kinds of change, each planned and then applied against the local cloud:
#   1. replicas 1 -> 2 on the EAS service: an update in place;
#   2. the vector connection's type Milvus -> Elasticsearch: connection_type is ForceNew, so the
#      connection is destroyed and created again;
#   3. the ModelRouter model removed (count = 0): a delete.
# Each step writes step.auto.tfvars, shows `forma plan`, then applies. The last step destroys all.
# Run from anywhere; it works in this folder. FORMA may name the forma command (default: bin/forma).
set -euo pipefail
cd "$(dirname "$0")"
FORMA=${FORMA:-../../bin/forma}
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

rm -rf .forma terraform.tfstate terraform.tfstate.backup step.auto.tfvars

step "Start: create everything"
$FORMA apply -auto-approve

step "1. Raise replicas to 2 (update in place)"
printf 'replicas = 2\n' > step.auto.tfvars
$FORMA plan
$FORMA apply -auto-approve

step "2. Change the vector connection's type (forced replacement)"
printf 'replicas = 2\nvector_store_type = "ElasticsearchConnection"\n' > step.auto.tfvars
$FORMA plan
$FORMA apply -auto-approve

step "3. Remove the model (delete)"
printf 'replicas = 2\nvector_store_type = "ElasticsearchConnection"\nwith_model = false\n' \
  > step.auto.tfvars
$FORMA plan
$FORMA apply -auto-approve

step "Finally: destroy everything"
$FORMA destroy -auto-approve
rm -f step.auto.tfvars
