#!/usr/bin/env bash
# bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]: coverage-guided fuzzing of the parsers and
# decoders with Jazzer, one target after another (the build only replays their saved inputs).
#
# Jazzer's RegexInjection detector is off: regex() compiles patterns from the configuration by
# design; a pattern that takes too long is still a hang, caught by the timeout.
# Each @FuzzTest's @Timeout is the time one input may take (libFuzzer's -timeout) while fuzzing,
# and JUnit's limit for one input while the build replays them.
# Targets: nativeSyntax template jsonSyntax expression planFile stateFile journal (default: all).
# A crash, hang (over the target's @Timeout) or out-of-memory is saved by Jazzer as a new input
# (crash-*, timeout-*) in the target's inputs folder under src/test/resources, so that every
# later build replays it; fix it, keep the file, add a focused unit test, and run again.
# The corpus Jazzer grows is kept in bench/out/fuzz/corpus (not in git) and reused by later runs.
# Logs: bench/out/fuzz/TARGET.log. Exit status 1 when any target found something.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-600}"
[ $# -gt 0 ] && shift
all=(nativeSyntax template jsonSyntax expression planFile stateFile journal)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

# TARGET -> module and test class
target_of() {
  case "$1" in
    nativeSyntax) echo "engine dev.forma.engine.fuzz.NativeSyntaxFuzzTest" ;;
    template) echo "engine dev.forma.engine.fuzz.TemplateFuzzTest" ;;
    jsonSyntax) echo "engine dev.forma.engine.fuzz.JsonSyntaxFuzzTest" ;;
    expression) echo "engine dev.forma.engine.fuzz.ExpressionFuzzTest" ;;
    planFile) echo "engine dev.forma.engine.fuzz.PlanFileFuzzTest" ;;
    stateFile) echo "state dev.forma.state.codec.StateFileFuzzTest" ;;
    journal) echo "state dev.forma.state.backend.JournalFuzzTest" ;;
    *) return 1 ;;
  esac
}
for t in "${targets[@]}"; do
  target_of "$t" >/dev/null || { echo "fuzz.sh: unknown target \"$t\"; targets: ${all[*]}" >&2; exit 2; }
done

out="$root/bench/out/fuzz"
mkdir -p "$out/corpus"
cd "$root"
# however the run ends, leave no pointer to the corpus where the build would replay it
trap 'for m in engine state; do [ -L "$root/$m/.cifuzz-corpus" ] && rm -f "$root/$m/.cifuzz-corpus"; done' EXIT
echo "fuzz.sh: compiling..." >&2
./mvnw -B -q -pl state,engine test-compile >"$out/build.log" 2>&1 ||
  { cat "$out/build.log" >&2; exit 1; }

found=0
summary=()
for t in "${targets[@]}"; do
  read -r module class <<<"$(target_of "$t")"
  simple="${class##*.}"
  pkgdir="$(echo "${class%.*}" | tr . /)"
  inputs="$module/src/test/resources/$pkgdir/${simple}Inputs/$t"
  mkdir -p "$inputs" "$out/corpus/$module"
  # Jazzer keeps its growing corpus in MODULE/.cifuzz-corpus/CLASS/METHOD: point that at bench/out
  # for the run only, so that the build never replays thousands of generated inputs.
  if [ -d "$module/.cifuzz-corpus" ] && [ ! -L "$module/.cifuzz-corpus" ]; then
    # left by a fuzz run outside this script: keep it with the rest of the corpus
    cp -r "$module/.cifuzz-corpus/." "$out/corpus/$module/" && rm -rf "$module/.cifuzz-corpus"
  fi
  rm -f "$module/.cifuzz-corpus"
  ln -s "$out/corpus/$module" "$module/.cifuzz-corpus"
  corpus="$out/corpus/$module/$class/$t"
  mkdir -p "$corpus"
  case "$t" in
    # more seeds that are not ours to commit: HashiCorp's HCL spec suite, beside the clone
    nativeSyntax) find "$root/../shared/conformance" -name '*.hcl' -exec cp {} "$corpus/" \; 2>/dev/null || true ;;
    jsonSyntax) find "$root/../shared/conformance" -name '*.json' -exec cp {} "$corpus/" \; 2>/dev/null || true ;;
  esac
  before="$(ls "$inputs" | sort)"
  echo "fuzz.sh: fuzzing $t for ${secs}s (log: bench/out/fuzz/$t.log)" >&2
  start=$(date +%s)
  set +e
  JAZZER_FUZZ=1 ./mvnw -B -pl state,engine test -Dtest="$class" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.hooks=true -Djazzer.max_duration="${secs}s" \
    -Djunit.jupiter.execution.timeout.mode=disabled \
    -Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection \
    -DargLine="-Xmx2g -XX:+EnableDynamicAgentLoading" >"$out/$t.log" 2>&1
  rc=$?
  set -e
  took=$(( $(date +%s) - start ))
  rm -f "$module/.cifuzz-corpus"
  execs="$(grep -aoE '^#[0-9]+' "$out/$t.log" | tail -n 1 | tr -d '#')"
  new="$(comm -13 <(echo "$before") <(ls "$inputs" | sort) | tr '\n' ' ')"
  if [ "$rc" -ne 0 ] || [ -n "$new" ]; then
    found=1
    summary+=("$t: ${took}s, ${execs:-0} executions, FOUND: ${new:-see the log} (exit $rc)")
  else
    summary+=("$t: ${took}s, ${execs:-0} executions, no crash, no hang")
  fi
done
printf '%s\n' "${summary[@]}" | tee "$out/summary.txt"
exit "$found"
