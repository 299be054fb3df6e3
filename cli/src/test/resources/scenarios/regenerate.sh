#!/usr/bin/env bash
# regenerate.sh [SCENARIO...]: remakes the expected outputs of the scenario suite by running each
# scenario's steps with Terraform itself (1.11.4, offline, builtin terraform_data), so that
# ScenarioTest pins Forma to Terraform's behaviour and text.
#
# A scenario is a directory of steps step1, step2, ... run in order in one working directory.
# A step holds:
#   *.tf              the configuration from this step on (none: keep the previous step's)
#   modules/          (optional) child modules the configuration calls, copied with the .tf files
#   cmd               the command line after the program name, e.g. "apply -auto-approve"
#   hold-lock         (optional) another process holds the state lock while cmd runs; the file
#                     holds the operation the holder names
# and this script writes:
#   expected.txt      standard output, normalised (see normalise below)
#   expected-err.txt  standard error, normalised (only when not empty)
#   expected-exit     the exit code
#   expected-state.json  after apply/destroy steps: the state file with volatile fields fixed
# Where Terraform names itself, the text says Forma ("Terraform will perform..." becomes "Forma
# will perform...", "terraform apply" becomes "forma apply").
#
# Scenarios with a file named "pending" hold Terraform's outputs for a feature Forma does not have
# yet: they are regenerated here and skipped by ScenarioTest, the file saying why.
#
# Scenarios with a file named "forma-only" (Forma behaviour Terraform does not have, or that
# needs a provider Terraform cannot load offline) are skipped: their expected files are written
# by hand in Terraform's format and say so in that file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1 LC_ALL=C
unset TF_IN_AUTOMATION TF_LOG

# The normalisation ScenarioTest applies to Forma's output too (ScenarioText.normalise):
# random IDs, durations and the lock holder's identity and time are not behaviour; nor, in the
# -json stream, the messages' times and the program's name and version.
normalise() {
  sed -E \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/g' \
    -e 's/((complete|errored) after )[0-9hms.]+/\10s/g' \
    -e 's/"@timestamp":"[^"]*"/"@timestamp":"TIME"/g' \
    -e 's/"elapsed_seconds":[0-9.]+/"elapsed_seconds":0/g' \
    -e 's/"@message":"(Terraform|Forma) [^"]*"(.*)"terraform":"[^"]*"/"@message":"Forma VERSION"\2"terraform":"VERSION"/' \
    -e 's/(deposed object )[0-9a-f]{8}/\1xxxxxxxx/g' \
    -e '/: Still (creating|modifying|destroying|reading)\.\.\. \[/d' \
    -e 's/^(  Who: +).*/\1USER@HOST/' \
    -e 's/^(  Version: +).*/\1VERSION/' \
    -e 's/^(  Created: +).*/\1TIME/' |
    # Progress lines of parallel operations come in any order: each run of them is sorted by
    # address, stably (each object's own lines keep their order). So are the -json stream's
    # messages about objects (the text before ": " ends with the address in @message), whose
    # planned_change and resource_drift messages come in the walk's order. The addresses of a cycle, which
    # Terraform names in no fixed order, are sorted.
    awk '
      function key(line) { return substr(line, 1, index(line, ": ") - 1) }
      function flush(  i, j, t) {
        for (i = 2; i <= k; i++)
          for (j = i; j > 1 && key(run[j - 1]) > key(run[j]); j--) { t = run[j]; run[j] = run[j - 1]; run[j - 1] = t }
        for (i = 1; i <= k; i++) print run[i]
        k = 0
      }
      /^[^ ].*: (Creating|Creation complete|Modifying|Modifications complete|Destroying|Destruction complete|Reading|Read complete|Refreshing|Preparing import|Importing|Import complete|Refresh complete|Refresh errored|Plan to |Drift detected|Creation errored|Modifications errored|Destruction errored)/ { run[++k] = $0; next }
      { flush() }
      /^Error: Cycle: / {
        m = split(substr($0, 15), a, ", ")
        for (i = 2; i <= m; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        line = "Error: Cycle: " a[1]
        for (i = 2; i <= m; i++) line = line ", " a[i]
        print line
        next
      }
      { print }
      END { flush() }'
}

# Terraform names itself; Forma says Forma ("Terraform will..." -> "Forma will...", "terraform
# apply" -> "forma apply"). Terraform word-wraps paragraphs also when output is not a terminal:
# diagnostics to 78 columns, the plan renderer's texts to 77. A paragraph that names Terraform
# and whose line breaks are those of such a wrap is wrapped again, at the same width, after the
# name changes length; a paragraph whose breaks are the text's own (the lock error's) keeps them.
as_forma() {
  awk '
    function rename(t,  out) {
      gsub(/Terraform/, "Forma", t)
      out = ""
      while (match(t, /terraform (apply|plan|init|destroy|force-unlock|import|state|show|output|refresh|untaint|taint|validate|console|graph)/)) {
        out = out substr(t, 1, RSTART - 1) "forma"
        t = substr(t, RSTART + 9)
      }
      return out t
    }
    function wrapped_at(width,  i, w) { # each break is where a wrap at width puts it
      for (i = 1; i <= n; i++) {
        if (length(p[i]) > width) return 0
        if (i == n) break
        split(p[i + 1], w, " ")
        if (length(p[i]) + 1 + length(w[1]) <= width) return 0
      }
      return 1
    }
    function flush(  i, text, m, w, line, width) {
      if (n == 0) return
      text = p[1]
      for (i = 2; i <= n; i++) text = text " " p[i]
      # a paragraph whose breaks fit both widths takes the width of earlier ones in the same diagnostic
      width = wrapped_at(78) ? (last == 77 && wrapped_at(77) ? 77 : 78) : wrapped_at(77) ? 77 : 0
      if (n >= 2 && width > 0) last = width
      if (n >= 2 && text ~ /Terraform|terraform / && width > 0) {
        m = split(rename(text), w, " ")
        line = w[1]
        for (i = 2; i <= m; i++) {
          if (length(line) + 1 + length(w[i]) > width) { print line; line = w[i] } else line = line " " w[i]
        }
        print line
      } else {
        for (i = 1; i <= n; i++) print rename(p[i])
      }
      n = 0
    }
    /^(Error|Warning): / { flush(); last = 0 }
    # the plan renderer wraps its own texts at 77
    /^Note: Objects have changed outside of Terraform/ { flush(); last = 77 }
    /^$/ || /^[ \t]/ { flush(); print rename($0); next }
    { p[++n] = $0 }
    /symbols:$/ { flush() }
    END { flush() }'
}

# Terraform writes check_results in Go map order, which changes from run to run: sorted here (by
# config_addr, each one's objects by object_addr), as Forma writes them.
state_normalise() {
  jq -S '.lineage = "LINEAGE" | .serial = 0 | .terraform_version = "VERSION"
    | if .check_results then .check_results |= (sort_by(.config_addr)
        | map(if .objects then .objects |= sort_by(.object_addr) else . end)) else . end' |
    sed -E 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx/g'
}

run_scenario() {
  local scenario="$1" work holder=""
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  echo "== $(basename "$scenario")" >&2
  local first=1
  for step in $(ls -d "$scenario"/step* | sort -V); do
    if compgen -G "$step/*.tf" > /dev/null; then
      rm -rf "$work"/*.tf "$work/modules"
      cp "$step"/*.tf "$work/"
      if [ -d "$step/modules" ]; then cp -r "$step/modules" "$work/"; fi
      first=1
    fi
    if [ "$first" = 1 ]; then
      # a new configuration may call modules not installed yet: init again, quietly (its output
      # is not part of the scenario)
      (cd "$work" && terraform init -no-color -input=false > /dev/null 2>&1) || true
      first=0
    fi
    read -r -a args < "$step/cmd"
    # -no-color right after the subcommand (before a plan file argument); state subcommands get
    # it only where the step's cmd gives it (state mv colours its errors without it)
    local tfargs=("${args[0]}" -no-color "${args[@]:1}")
    if [ "${args[0]}" = state ]; then tfargs=("${args[@]}"); fi
    if [ -f "$step/hold-lock" ]; then
      # Terraform holds the lock for a whole apply: an apply of one extra resource whose
      # provisioner sleeps holds it while the step's command runs; the state is put back after.
      cp "$work/terraform.tfstate" "$work/.saved.tfstate"
      cat > "$work/zz_hold.tf" <<'HOLD'
resource "terraform_data" "zz_hold" {
  provisioner "local-exec" {
    command = "sleep 8"
  }
}
HOLD
      (cd "$work" && terraform apply -no-color -auto-approve > "$work/.hold.out" 2>&1) &
      holder=$!
      until grep -q 'Provisioning with' "$work/.hold.out" 2> /dev/null; do sleep 0.2; done
      rm -f "$work/zz_hold.tf"
    fi
    local code=0
    (cd "$work" && terraform "${tfargs[@]}" < /dev/null > "$work/.out" 2> "$work/.err") || code=$?
    if [ -n "$holder" ]; then
      wait "$holder" || true
      holder=""
      cp "$work/.saved.tfstate" "$work/terraform.tfstate"
      rm -f "$work/terraform.tfstate.backup"
    fi
    normalise < "$work/.out" | as_forma > "$step/expected.txt"
    if [ -s "$work/.err" ]; then
      normalise < "$work/.err" | as_forma > "$step/expected-err.txt"
    else
      rm -f "$step/expected-err.txt"
    fi
    echo "$code" > "$step/expected-exit"
    rm -f "$step/expected-state.json"
    case "${args[0]}" in
      apply | destroy)
        if [ -f "$work/terraform.tfstate" ]; then
          state_normalise < "$work/terraform.tfstate" > "$step/expected-state.json"
        fi
        ;;
    esac
    echo "   $(basename "$step"): ${args[*]} -> exit $code" >&2
  done
}

if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  scenarios=()
  for d in "$here"/*/; do scenarios+=("$(basename "$d")"); done
fi
for s in "${scenarios[@]}"; do
  if [ -f "$here/$s/forma-differs" ]; then
    echo "== $s: Forma differs on purpose (see its forma-differs file), expected files kept" >&2
    continue
  fi
  if [ -f "$here/$s/forma-only" ]; then
    echo "== $s: forma-only, expected files kept" >&2
    continue
  fi
  run_scenario "$here/$s"
done
