#!/usr/bin/env bash
# console.sh [EXPRS_FILE]: evaluates each line of EXPRS_FILE (default console-exprs.txt beside
# this script) with `terraform console` and with `forma console`, and prints every expression
# whose output differs. A developer's check against the reference implementation: it needs
# terraform on PATH, and is not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
exprs="${1:-$here/console-exprs.txt}"
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/main.tf" <<'TF'
locals {
  x      = 1
  tmpl   = "Hello, $${name}!"
  nested = "$${templatestring(tmpl, {})}"
}
TF
cd "$work"
# Errors are compared by summary and detail only: Terraform draws a box and wraps inside it, and
# its console shows no source line; the words must match, not the layout.
normalize() {
  sed 's/\x1b\[[0-9;]*m//g' | sed -E 's/^[│╷╵] ?//; /^[╷╵]$/d' |
    grep -vE '^ *on <console-input> line [0-9]+:$|^ *\(source code not available\)$|^ +[0-9]+: ' |
    tr '\n' ' ' | sed -E 's/ +/ /g; s/^ //; s/ $//'
}
# build first (bin/forma says so when it builds): only the expressions' outputs are compared
"$root/bin/forma" version >/dev/null 2>&1 || true
fail=0
total=0
while IFS= read -r e; do
  [ -z "$e" ] && continue
  total=$((total + 1))
  t=$(echo "$e" | TF_CLI_CONFIG_FILE=/dev/null terraform console 2>&1 | normalize || true)
  f=$(echo "$e" | "$root/bin/forma" console -no-color 2>&1 | normalize || true)
  if [ "$t" != "$f" ]; then
    fail=$((fail + 1))
    printf 'DIFF: %s\n  terraform: %s\n  forma:     %s\n' "$e" "$t" "$f"
  fi
done < "$exprs"
echo "$fail of $total expressions differ"
