#!/usr/bin/env bash
# pg.sh [N...]: backend "pg" at scale, beside the local backend and beside Terraform's pg backend.
# For each N (default: 1000 10000) it generates N terraform_data resources (gen-scale.sh), starts
# a PostgreSQL of its own (tools/pg-server.sh, fsync on), and measures:
#   forma apply, local backend            wall time
#   forma apply, pg backend               wall time; the ratio to local (target <= 1.5x)
#   forma apply, pg backend, counted      statements and bytes the client sent to the server,
#                                         over the final state's size (target <= 3x)
#   forma plan, pg backend (no-op)        wall time, twice (target at 10,000: under 3 s), beside
#                                         the same plan from the local backend
#   terraform apply, local and pg         the same figures for Terraform 1.11.4, when terraform
#                                         is on PATH and N <= TERRAFORM_MAX (default 10000)
# Every apply starts from an empty state (a new schema, a new folder). Counting runs through a
# relay (PgWireCount.java) that counts the bytes and statements (simple-query and extended-
# protocol executions) each client sends; it is a separate run, so its cost is not in the timed
# figures. The final state's size is its row's data, in bytes. The load average is printed with
# the figures: on a shared machine they vary, so compare ratios from one run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
forma="$root/bin/forma"
terraform_max=${TERRAFORM_MAX:-10000}
[ $# -gt 0 ] || set -- 1000 10000
# shellcheck source=../tools/pg-server.sh
. "$root/tools/pg-server.sh"
. "$root/bin/find-jdk.sh"

"$forma" version > /dev/null # builds the jar when needed
have_terraform=0
command -v terraform > /dev/null && have_terraform=1
export TF_CLI_CONFIG_FILE=/dev/null

work="$(mktemp -d)"
relay_pid=
cleanup() {
  [ -n "$relay_pid" ] && kill "$relay_pid" 2> /dev/null
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
pg_start "$work/pg"
relay_port=$((PG_PORT + 1))
"$JAVA_HOME/bin/java" "$here/PgWireCount.java" "$relay_port" "$PG_PORT" "$work/wire" \
  > "$work/relay.out" 2>&1 &
relay_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/relay.out" 2> /dev/null && break; sleep 0.1; done
psql_q() { psql -qAt "$PG_URL" -c "$1"; }

# timed NAME CMD...: runs CMD under /usr/bin/time; sets wall and mb
timed() {
  local name="$1"
  shift
  local code=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > "$work/$name.out" 2> "$work/$name.err" || code=$?
  if [ "$code" != 0 ]; then
    echo "$name failed (exit $code):" >&2
    tail -n 20 "$work/$name.err" "$work/$name.out" >&2
    exit 1
  fi
  read -r wall kb < <(tail -1 "$work/time")
  mb=$((kb / 1024))
}

# configure DIR N SCHEMA PORT: the generated configuration, with a pg backend (no schema: local)
configure() {
  "$here/gen-scale.sh" "$2" "$1"
  if [ -n "$3" ]; then
    cat > "$1/backend.tf" << EOF
terraform {
  backend "pg" {
    conn_str    = "postgres://postgres@127.0.0.1:$4/tf?sslmode=disable"
    schema_name = "$3"
  }
}
EOF
  fi
}

# wire: statements and bytes sent through the relay so far
wire() { cat "$work/wire"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 <= l + 0) ? "ok" : "MISSED" }'; }

# counted TOOL N SCHEMA: an apply through the relay; prints "statements bytes state_bytes wall"
counted() {
  local tool="$1" n="$2" schema="$3" dir="$work/$1-count-$2"
  configure "$dir" "$n" "$schema" "$relay_port"
  read -r s0 b0 _ < <(wire)
  if [ "$tool" = terraform ]; then
    (cd "$dir" && terraform init -input=false > /dev/null 2>&1)
    read -r s0 b0 _ < <(wire) # init prepares the schema: not part of the apply
    timed "tf-count-$n" bash -c "cd '$dir' && terraform apply -auto-approve -input=false -parallelism=10"
  else
    "$forma" -chdir="$dir" init -input=false > /dev/null
    read -r s0 b0 _ < <(wire) # init prepares the schema: not part of the apply
    timed "fm-count-$n" "$forma" -chdir="$dir" apply -auto-approve -input=false
  fi
  sleep 0.5 # the relay writes its totals once the connection has closed
  read -r s1 b1 _ < <(wire)
  local size
  size=$(psql_q "SELECT octet_length(data) FROM \"$schema\".states WHERE name = 'default'")
  echo "$((s1 - s0)) $((b1 - b0)) $size $wall"
}

for n in "$@"; do
  echo "N=$n terraform_data resources; load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

  configure "$work/fm-local-$n" "$n" "" ""
  timed fm-local "$forma" -chdir="$work/fm-local-$n" apply -auto-approve -input=false
  fm_local=$wall
  printf '  %-40s %8ss %6s MB\n' "forma apply, local backend" "$wall" "$mb"

  configure "$work/fm-pg-$n" "$n" "fm_time_$n" "$PG_PORT"
  "$forma" -chdir="$work/fm-pg-$n" init -input=false > /dev/null # a backend block needs init
  timed fm-pg "$forma" -chdir="$work/fm-pg-$n" apply -auto-approve -input=false
  fm_pg=$wall
  grep -q "Apply complete! Resources: $n added" "$work/fm-pg.out"
  printf '  %-40s %8ss %6s MB   %sx local (target <= 1.5x: %s)\n' "forma apply, pg backend" \
    "$wall" "$mb" "$(ratio "$fm_pg" "$fm_local")" "$(verdict "$(ratio "$fm_pg" "$fm_local")" 1.5)"

  timed fm-noop-local "$forma" -chdir="$work/fm-local-$n" plan -input=false
  grep -q "No changes." "$work/fm-noop-local.out"
  printf '  %-40s %8ss %6s MB\n' "forma plan (no-op), local backend" "$wall" "$mb"
  timed fm-noop "$forma" -chdir="$work/fm-pg-$n" plan -input=false
  grep -q "No changes." "$work/fm-noop.out"
  noop=$wall
  timed fm-noop2 "$forma" -chdir="$work/fm-pg-$n" plan -input=false
  noop2=$wall
  printf '  %-40s %8ss, %ss %6s MB' "forma plan (no-op), pg backend" "$noop" "$noop2" "$mb"
  if [ "$n" -ge 10000 ]; then
    best=$(printf '%s\n%s\n' "$noop" "$noop2" | sort -n | head -1)
    printf '   (target under 3 s: %s)' "$(awk -v v="$best" 'BEGIN { print (v < 3) ? "ok" : "MISSED" }')"
  fi
  printf '\n'

  read -r st by size cwall < <(counted forma "$n" "fm_count_$n")
  printf '  %-40s %8s statements, %s bytes sent for a state of %s bytes: %sx (target <= 3x: %s)\n' \
    "forma apply, pg backend, counted" "$st" "$by" "$size" "$(ratio "$by" "$size")" \
    "$(verdict "$(ratio "$by" "$size")" 3)"

  if [ "$have_terraform" = 1 ] && [ "$n" -le "$terraform_max" ]; then
    configure "$work/tf-local-$n" "$n" "" ""
    (cd "$work/tf-local-$n" && terraform init -input=false > /dev/null 2>&1)
    timed tf-local bash -c "cd '$work/tf-local-$n' && terraform apply -auto-approve -input=false"
    tf_local=$wall
    printf '  %-40s %8ss %6s MB\n' "terraform apply, local backend" "$wall" "$mb"

    configure "$work/tf-pg-$n" "$n" "tf_time_$n" "$PG_PORT"
    (cd "$work/tf-pg-$n" && terraform init -input=false > /dev/null 2>&1)
    timed tf-pg bash -c "cd '$work/tf-pg-$n' && terraform apply -auto-approve -input=false"
    tf_pg=$wall
    printf '  %-40s %8ss %6s MB   %sx local\n' "terraform apply, pg backend" "$wall" "$mb" \
      "$(ratio "$tf_pg" "$tf_local")"

    timed tf-noop bash -c "cd '$work/tf-pg-$n' && terraform plan -input=false"
    printf '  %-40s %8ss %6s MB\n' "terraform plan (no-op), pg backend" "$wall" "$mb"

    read -r st by size cwall < <(counted terraform "$n" "tf_count_$n")
    printf '  %-40s %8s statements, %s bytes sent for a state of %s bytes: %sx\n' \
      "terraform apply, pg backend, counted" "$st" "$by" "$size" "$(ratio "$by" "$size")"
  fi
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
