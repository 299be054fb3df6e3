#!/usr/bin/env bash
# gen-scale.sh N DIR: writes N terraform_data resources into DIR/main.tf, shaped as a real
# configuration's graph is: in every group of 100, a root; every 10th resource fans out from its
# group's root; the other nine form a chain behind it. So the graph is 11 deep and N/100 * 10
# wide, with both chains (each waits for the one before) and fan-outs (ten wait for one).
set -euo pipefail
n=${1:?usage: gen-scale.sh N DIR}
dir=${2:?usage: gen-scale.sh N DIR}
mkdir -p "$dir"
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    root = i - i % 100
    print "resource \"terraform_data\" \"r" i "\" {"
    if (i % 100 == 0) {
      print "  input = \"root-" i "\""
    } else if (i % 10 == 0) {
      print "  input = {"
      print "    name   = \"fan-" i "\""
      print "    parent = terraform_data.r" root ".id"
      print "  }"
    } else {
      print "  input = {"
      print "    name = \"link-" i "\""
      print "    prev = terraform_data.r" (i - 1) ".id"
      print "  }"
    }
    print "}"
    print ""
  }
  print "output \"count\" {"
  print "  value = " n
  print "}"
}' > "$dir/main.tf"
