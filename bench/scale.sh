#!/usr/bin/env bash
# scale.sh [N...]: the engine at scale. For each N (default: 1000 10000) it generates N
# terraform_data resources in chains and fan-outs (gen-scale.sh) and runs, with bin/forma:
#   1. first plan          forma plan            (empty state: N to add)
#   2. apply               forma apply -auto-approve
#   3. no-op plan          forma plan            (refreshes all N objects: no changes)
#   4. no-op plan          forma plan -refresh=false
#   5. destroy             forma destroy -auto-approve
# and reports the wall time and peak memory (maximum resident set) of each, from /usr/bin/time,
# and the bytes the apply wrote to disk, against the targets at N=10000: no-op plan under 5 s,
# apply under 15 s, peak memory under 1 GB, bytes written under 3x the final state size.
#
# Bytes written: a second apply of the same configuration from the same empty state runs under
# strace (write, pwrite64, writev, pwritev(2) of every thread, with the file behind each descriptor),
# and the bytes of the writes to regular files in the working directory are summed per file: the
# journal, the state file (written as a temporary file and renamed), its .backup and the lock
# info. That counts what Forma asks the OS to write, not page-cache writeback (the kernel's
# write_bytes counts a whole 4 KiB page for each fsynced journal record); it is a separate run so
# strace's cost is not in the timed figures. stdout (the plan text and progress lines) is not
# counted: it goes to a file only because the benchmark redirects it.
#
# The machine's load average is printed with the figures: on a shared machine they vary.
# BYTES=0 skips the bytes-written run (strace makes it slow at 50,000). With 10000 and a larger
# N in one call, the apply of N is also given as a multiple of the apply of 10,000 (target at
# 50,000: at most 5.5x, with the no-op plan without refresh under 10 s and everything under 1 GB).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
forma="$root/bin/forma"
[ $# -gt 0 ] || set -- 1000 10000

"$forma" version > /dev/null # builds the jar (and the class-data archive) when needed
"$forma" version > /dev/null

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# run NAME DIR ARGS...: runs forma in DIR under /usr/bin/time; sets wall and mb
run() {
  local name="$1" dir="$2"
  shift 2
  local code=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$forma" -chdir="$dir" "$@" \
    > "$work/$name.out" 2> "$work/$name.err" || code=$?
  if [ "$code" != 0 ] && ! { [ "$1" = plan ] && [ "$code" = 2 ]; }; then
    echo "forma $* failed (exit $code):" >&2
    tail -20 "$work/$name.err" "$work/$name.out" >&2
    exit 1
  fi
  read -r wall kb < <(tail -1 "$work/time")
  mb=$((kb / 1024))
}

verdict() { # verdict VALUE LIMIT
  awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "ok" : "MISSED" }'
}

for n in "$@"; do
  dir="$work/n$n"
  "$here/gen-scale.sh" "$n" "$dir"
  cp -r "$dir" "$work/bytes$n"
  echo "N=$n terraform_data resources; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

  run plan1 "$dir" plan -input=false
  grep -q "Plan: $n to add, 0 to change, 0 to destroy." "$work/plan1.out" ||
    { echo "first plan did not plan $n creates" >&2; tail -5 "$work/plan1.out" >&2; exit 1; }
  printf '  %-22s %8ss %6s MB\n' "first plan" "$wall" "$mb"
  plan_mb=$mb

  run apply "$dir" apply -auto-approve -input=false
  apply_wall=$wall apply_mb=$mb
  grep -q "Apply complete! Resources: $n added" "$work/apply.out" ||
    { echo "apply did not create $n" >&2; tail -5 "$work/apply.out" >&2; exit 1; }
  printf '  %-22s %8ss %6s MB\n' "apply" "$wall" "$mb"

  run plan2 "$dir" plan -input=false
  noop_wall=$wall noop_mb=$mb
  grep -q "No changes." "$work/plan2.out" ||
    { echo "the plan after apply is not empty" >&2; tail -5 "$work/plan2.out" >&2; exit 1; }
  printf '  %-22s %8ss %6s MB\n' "no-op plan (refresh)" "$wall" "$mb"

  run plan3 "$dir" plan -input=false -refresh=false
  norefresh_wall=$wall norefresh_mb=$mb
  grep -q "No changes." "$work/plan3.out" ||
    { echo "the plan after apply is not empty" >&2; tail -5 "$work/plan3.out" >&2; exit 1; }
  printf '  %-22s %7ss %6s MB\n' "no-op plan (no refresh)" "$wall" "$mb"

  run destroy "$dir" destroy -auto-approve -input=false
  destroy_mb=$mb
  grep -q "Destroy complete! Resources: $n destroyed." "$work/destroy.out" ||
    { echo "destroy did not destroy $n" >&2; tail -5 "$work/destroy.out" >&2; exit 1; }
  printf '  %-22s %8ss %6s MB\n' "destroy" "$wall" "$mb"

  peak=$(printf '%s\n' "$plan_mb" "$apply_mb" "$noop_mb" "$norefresh_mb" "$destroy_mb" | sort -n | tail -1)
  if [ "$n" = 10000 ]; then
    apply10k=$apply_wall
    echo "    no-op plan (no refresh) of 10000 under 2 s: ${norefresh_wall}s $(verdict "$norefresh_wall" 2)"
  fi
  if [ "$n" -gt 10000 ] && [ -n "${apply10k:-}" ]; then
    ratio=$(awk -v a="$apply_wall" -v b="$apply10k" 'BEGIN { printf "%.2f", a / b }')
    echo "  targets at N=$n:"
    echo "    apply at most 5.5x that of 10000: ${ratio}x $(verdict "$ratio" 5.5001)"
    echo "    no-op plan (no refresh) < 10 s:   ${norefresh_wall}s $(verdict "$norefresh_wall" 10)"
    echo "    peak memory under 1 GB:           ${peak} MB $(verdict "$peak" 1024)"
  fi
  if [ "${BYTES:-1}" = 0 ]; then
    echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    continue
  fi

  # bytes written during apply (see the header)
  bdir="$work/bytes$n"
  # -ff: one output file per thread, so no call is split into "unfinished" and "resumed" lines
  rm -f "$work"/strace.*
  strace -f -ff --seccomp-bpf -qq -y -e trace=write,pwrite64,writev,pwritev,pwritev2 \
    -o "$work/strace" "$forma" -chdir="$bdir" apply -auto-approve -input=false > /dev/null 2>&1
  state_bytes=$(stat -c %s "$bdir/terraform.tfstate")
  awk -v dir="$bdir/" '
    # lines look like: write(7</tmp/x/terraform.tfstate.journal>, "...", 180) = 180
    match($0, /^p?writev?2?\([0-9]+</) {
      rest = substr($0, RSTART + RLENGTH)
      path = substr(rest, 1, index(rest, ">") - 1)
      if (index(path, dir) != 1) next
      if (!match($0, /= [0-9]+$/)) next
      b = substr($0, RSTART + 2) + 0
      sub(/\.[0-9]+\.tmp$/, ".N.tmp", path) # numbered temporary files
      by[substr(path, length(dir) + 1)] += b
      total += b
    }
    END {
      for (p in by) printf "    %-40s %12d bytes\n", p, by[p]
      print total > "/dev/stderr"
    }' "$work"/strace.* 2> "$work/total" | sort
  total=$(cat "$work/total")
  ratio=$(awk -v t="$total" -v s="$state_bytes" 'BEGIN { printf "%.2f", t / s }')
  printf '  %-22s %8s bytes (%sx the final state of %s bytes)\n' "bytes written (apply)" "$total" "$ratio" "$state_bytes"

  if [ "$n" = 10000 ]; then
    echo "  targets at N=$n:"
    echo "    no-op plan under 5 s:        ${noop_wall}s $(verdict "$noop_wall" 5)"
    echo "    apply under 15 s:            ${apply_wall}s $(verdict "$apply_wall" 15)"
    echo "    peak memory under 1 GB:      ${peak} MB $(verdict "$peak" 1024)"
    echo "    bytes under 3x final state:  ${ratio}x $(verdict "$ratio" 3)"
  fi
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
