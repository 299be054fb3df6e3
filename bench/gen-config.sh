#!/usr/bin/env bash
# gen-config.sh N DIR: writes a configuration of N resources into DIR/main.tf (about 10 lines a
# resource): variables, locals, templates, function calls, nested blocks, and references from
# each resource to the previous one (a chain) and to the first one (a fan-out).
set -euo pipefail
n=${1:?usage: gen-config.sh N DIR}
dir=${2:?usage: gen-config.sh N DIR}
mkdir -p "$dir"
awk -v n="$n" 'BEGIN {
  print "variable \"prefix\" {"
  print "  type        = string"
  print "  default     = \"bench\""
  print "  description = \"Name prefix for every object.\""
  print "}"
  print ""
  print "variable \"tags\" {"
  print "  type    = map(string)"
  print "  default = { team = \"platform\", env = \"dev\" }"
  print "}"
  print ""
  for (i = 0; i < n; i++) {
    if (i % 10 == 0) {
      print "locals {"
      print "  group_" i / 10 " = \"${var.prefix}-group-" i / 10 "\""
      print "}"
      print ""
    }
    g = int(i / 10)
    print "resource \"terraform_data\" \"r" i "\" {"
    print "  input = {"
    print "    name  = \"${local.group_" g "}-r" i "\""
    if (i > 0) {
      print "    prev  = terraform_data.r" (i - 1) ".id"
      print "    first = terraform_data.r0.output"
    }
    print "    tags  = merge(var.tags, { index = \"" i "\", kind = upper(\"node\") })"
    print "    size  = " i " * 2 + length(var.prefix)"
    print "  }"
    print "  lifecycle {"
    print "    ignore_changes = [input]"
    print "  }"
    print "}"
    print ""
  }
  print "output \"last_id\" {"
  print "  value = terraform_data.r" (n - 1) ".id"
  print "}"
}' > "$dir/main.tf"
