#!/usr/bin/env bash
# module-install.sh: runs `terraform init` and `forma init` on the same module layouts and compares
# what a user sees of module installation: the "Initializing modules..." section and the bytes of
# .terraform/modules/modules.json. Layouts: nested local modules; a Git repository made here (a tag,
# a //subdir with a local module inside the package); a module registry served here over HTTP
# (python3's http.server; Terraform reaches it through a CLI configuration `host` block, Forma
# through FORMA_REGISTRY_HOSTS), with a version constraint, a .tar.gz and a .zip package.
# Writes the comparison to module-install-results.txt next to this script. A developer's tool:
# needs terraform, git, python3, tar and zip on PATH; not part of the build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/module-install-results.txt"
for c in terraform git python3 tar zip; do
  command -v "$c" >/dev/null || { echo "$c is not on PATH" >&2; exit 2; }
done
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# --- a Git repository with tag v1.0.0
mkdir -p "$work/src/sub" "$work/src/inner"
echo 'output "o" { value = 1 }' >"$work/src/main.tf"
printf 'module "inner" {\n  source = "../inner"\n}\n' >"$work/src/sub/main.tf"
echo 'output "i" { value = 3 }' >"$work/src/inner/main.tf"
git -C "$work/src" init -q -b main
git -C "$work/src" add .
git -C "$work/src" -c user.name=t -c user.email=t@t commit -qm one
git -C "$work/src" tag v1.0.0
git clone -q --bare "$work/src" "$work/bare.git"

# --- a module registry
mkdir -p "$work/pkg/sub" "$work/reg"
echo 'output "r" { value = 1 }' >"$work/pkg/main.tf"
echo 'output "q" { value = 2 }' >"$work/pkg/sub/main.tf"
(cd "$work/pkg" && tar czf "$work/reg/m.tar.gz" . && zip -qr "$work/reg/m.zip" .)
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat >"$work/reg/server.py" <<PY
import http.server, json, os
os.chdir("$work/reg")
class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        p = self.path
        if p == "/.well-known/terraform.json":
            return self.body(200, json.dumps({"modules.v1": "/v1/modules/"}).encode())
        if p.endswith("/versions"):
            vs = ["1.0.0", "1.2.0", "2.0.0", "1.3.0-beta"]
            return self.body(200, json.dumps({"modules": [{"versions": [{"version": v} for v in vs]}]}).encode())
        if p.endswith("/download"):
            self.send_response(204)
            self.send_header("X-Terraform-Get", "/archives/m.zip" if "/zipper/" in p else "/archives/m.tar.gz")
            self.end_headers()
            return
        if p.startswith("/archives/"):
            return self.body(200, open(p[len("/archives/"):], "rb").read())
        self.body(404, b"")
    def body(self, code, data):
        self.send_response(code)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
http.server.HTTPServer(("127.0.0.1", $port), H).serve_forever()
PY
python3 "$work/reg/server.py" &
server_pid=$!
sleep 1
cat >"$work/terraformrc" <<EOF2
host "example.com" {
  services = {
    "modules.v1" = "http://127.0.0.1:$port/v1/modules/"
  }
}
EOF2

layout() { # name: writes the layout into $1
  local d="$1"
  mkdir -p "$d/modules/x" "$d/modules/y"
  cat >"$d/main.tf" <<EOF2
module "x" {
  source = "./modules/x"
}
module "g" {
  source = "git::file://$work/bare.git?ref=v1.0.0"
}
module "s" {
  source = "git::file://$work/bare.git//sub?ref=v1.0.0"
}
module "m" {
  source  = "example.com/ns/name/prov"
  version = "~> 1.0"
}
module "z" {
  source  = "example.com/ns/zipper/prov//sub"
  version = ">= 1.0, < 1.2"
}
EOF2
  printf 'module "y" {\n  source = "../y"\n}\n' >"$d/modules/x/main.tf"
  echo 'resource "terraform_data" "b" {}' >"$d/modules/y/main.tf"
}

section() { # the module section of an init output, paths made neutral
  sed -n '/modules\.\.\.$/,/^Initializing provider plugins/p' | grep -v '^Initializing provider' |
    sed "s#$work#\$WORK#g"
}

layout "$work/tf"
layout "$work/forma"
(cd "$work/tf" && TF_CLI_CONFIG_FILE="$work/terraformrc" terraform init -no-color -backend=false 2>&1) |
  section >"$work/tf.txt"
(cd "$work/forma" && FORMA_REGISTRY_HOSTS="example.com=http://127.0.0.1:$port" \
  "$root/bin/forma" init -no-color -backend=false 2>/dev/null || true) | section >"$work/forma.txt"
sed "s#$work#\$WORK#g" "$work/tf/.terraform/modules/modules.json" >"$work/tf.json"
sed "s#$work#\$WORK#g" "$work/forma/.terraform/modules/modules.json" >"$work/forma.json"

{
  echo "# module-install.sh: terraform $(TF_CLI_CONFIG_FILE=/dev/null terraform version | head -1 | cut -d' ' -f2) vs forma"
  echo "## terraform init, module section"
  cat "$work/tf.txt"
  if diff -u "$work/tf.txt" "$work/forma.txt" >"$work/d1"; then
    echo "## forma init: the same"
  else
    echo "## forma init: differs"; cat "$work/d1"
  fi
  echo "## modules.json (terraform)"
  cat "$work/tf.json"; echo
  if cmp -s "$work/tf.json" "$work/forma.json"; then
    echo "## modules.json (forma): byte for byte the same"
  else
    echo "## modules.json (forma): differs"; cat "$work/forma.json"; echo
  fi
} >"$out"
cat "$out"
