#!/usr/bin/env bash
# functions.sh: rewrites engine/src/test/resources/functions/terraform-functions.json, the list of
# Terraform's built-in functions with their signatures that StandardFunctionsSignatureTest holds
# Forma's function table against. It keeps names, parameter names and types, variadic parameters,
# nullability and return types from `terraform metadata functions -json`, and drops the
# descriptions (Terraform's prose). A developer's tool: needs terraform and jq on PATH, and is not
# part of the build. Run it when moving to a new Terraform version, then make the test pass.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/engine/src/test/resources/functions/terraform-functions.json"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
command -v jq >/dev/null || { echo "jq is not on PATH" >&2; exit 2; }
version="$(TF_CLI_CONFIG_FILE=/dev/null terraform version -json | jq -r .terraform_version)"
TF_CLI_CONFIG_FILE=/dev/null terraform metadata functions -json |
  jq --sort-keys --arg version "$version" '
    def param: {name, type, is_nullable: (.is_nullable // false)};
    {
      terraform_version: $version,
      format_version: .format_version,
      functions: (.function_signatures | with_entries(.value |= {
        return_type,
        parameters: [(.parameters // [])[] | param],
        variadic_parameter: (if .variadic_parameter then (.variadic_parameter | param) else null end)
      }))
    }' >"$out"
echo "wrote $out ($(jq '.functions | length' "$out") functions of Terraform $version)"
