#!/usr/bin/env bash
# connections.sh [N] [LATENCY_MS] [PARALLELISM]: an apply of N connections (default 1000) of one
# workspace on the local cloud with LATENCY_MS (default 20) added to every API call, at
# -parallelism PARALLELISM (default 10), then a no-op plan (which refreshes them by listing).
# Prints the wall time of each, the API calls the local cloud received per action, the latency
# limit (calls x latency / parallelism) and the ratio of the apply's time to it; target: at most
# 1.10. The machine's load average is printed with the figures: on a shared machine they vary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
forma="$root/bin/forma"
n="${1:-1000}"
latency="${2:-20}"
parallelism="${3:-10}"

"$forma" version > /dev/null # builds the jar when needed

work="$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/connections.XXXXXX")"
cloud_pid=
cleanup() {
  [ -z "$cloud_pid" ] || kill "$cloud_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$forma" local-cloud serve -port "$port" -data "$work/cloud.json" -latency "$latency" \
  -workspace-ready-delay 0 > "$work/cloud.log" 2>&1 &
cloud_pid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -sf "$url/_emulator/stats" > /dev/null 2>&1 && break
  sleep 0.2
done

mkdir -p "$work/cfg"
cat > "$work/cfg/main.tf" <<TF
provider "alicloud" {
  region   = "cn-hangzhou"
  endpoint = "local"
}

resource "alicloud_pai_workspace_workspace" "w" {
  workspace_name = "bench_connections"
  description    = "connections benchmark"
  env_types      = ["prod"]
}

resource "alicloud_pai_workspace_connection" "c" {
  count           = $n
  workspace_id    = alicloud_pai_workspace_workspace.w.id
  connection_name = "c-\${count.index}"
  connection_type = "DashScopeConnection"
  accessibility   = "PUBLIC"
  configs = {
    base_url = "https://dashscope.example/v\${count.index}"
  }
}
TF

# the local cloud's CPU time so far, in clock ticks (its JVM is the child of the launcher)
cloud_cpu() {
  local t=0 p
  for p in $cloud_pid $(pgrep -P "$cloud_pid" || true); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2> /dev/null || echo 0)))
  done
  echo "$t"
}
calls() { curl -sf "$url/_emulator/stats"; }
total() { python3 -c 'import json,sys; print(sum(a["received"] for a in json.load(sys.stdin)["actions"].values()))'; }
per_action() {
  python3 -c '
import json, sys
b = json.loads(sys.argv[1])["actions"]
a = json.load(sys.stdin)["actions"]
d = {k: v["received"] - b.get(k, {}).get("received", 0) for k, v in sorted(a.items())}
print(", ".join(k + " " + str(n) for k, n in d.items() if n))' "$1"
}

# run NAME ARGS...: forma in the configuration under /usr/bin/time; prints wall and calls
run() {
  local name="$1"
  shift
  local before cloud_cpu0
  before="$(calls)"
  cloud_cpu0=$(cloud_cpu)
  FORMA_ALICLOUD_LOCAL_URL="$url" /usr/bin/time -f '%e %M %U %S' -o "$work/time" \
    "$forma" -chdir="$work/cfg" "$@" > "$work/$name.out" 2>&1 || {
    echo "$name failed:" >&2
    tail -20 "$work/$name.out" >&2
    exit 1
  }
  read -r wall mb user sys < "$work/time"
  local made
  made=$(( $(calls | total) - $(echo "$before" | total) ))
  echo "$name: ${wall} s, $((mb / 1024)) MB peak, $made calls ($(calls | per_action "$before"))"
  echo "  CPU: forma $(python3 -c "print(round($user + $sys, 2))") s," \
    "local cloud $(python3 -c "print(round(($(cloud_cpu) - $cloud_cpu0) / $(getconf CLK_TCK), 2))") s"
  last_wall="$wall"
  last_calls="$made"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
run apply apply -auto-approve -parallelism="$parallelism"
[ "$latency" -eq 0 ] || python3 -c "
calls, wall, lat, par = $last_calls, $last_wall, $latency, $parallelism
limit = calls * lat / 1000 / par
print(f'apply latency limit: {calls} calls x {lat} ms / {par} = {limit:.2f} s; apply took {wall:.2f} s = {wall/limit:.2f}x (target 1.10x)')"
run noop-plan plan -parallelism="$parallelism"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
