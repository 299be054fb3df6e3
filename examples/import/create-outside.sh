#!/usr/bin/env bash
# Creates, outside Forma, what ./main.tf then adopts: a workspace and two connections in the local
# cloud at URL. Each call is signed by hand (ACS3-HMAC-SHA256, as the Alibaba Cloud SDKs sign) with
# the local cloud's default key, to show that these are ordinary API calls.
# Usage: ./create-outside.sh http://127.0.0.1:PORT
# Writes the ids of the new objects to ids.auto.tfvars, only once all three are made, and prints
# them. When the cloud refuses a call, it says why (the cloud's code and message) and exits 1.
set -euo pipefail
URL=${1:?usage: create-outside.sh http://127.0.0.1:PORT}
KEY_ID=forma-local
KEY_SECRET=forma-local-secret
HOST=${URL#*://}
IDS=ids.auto.tfvars
START_OVER="To start over: stop the local cloud, delete .forma/, $IDS and terraform.tfstate*, start the local cloud again and rerun this script (see README.md)."

sha256() { printf '%s' "$1" | openssl dgst -sha256 -hex | sed 's/^.* //'; }

written() {
  if [ -f "$IDS" ]; then echo "$IDS was left as it was."; else echo "$IDS was not written."; fi
}

fail() {
  printf 'create-outside.sh: %s\n' "$@" >&2
  exit 1
}

# call ACTION METHOD PATH BODY FIELD: signs the request, sends it, prints FIELD of the JSON
# answer. A refusal is reported with the cloud's code and message, and ends the script.
call() {
  local action=$1 method=$2 path=$3 body=$4 field=$5
  local date nonce hash canonical signature answer value code message
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  nonce=$(openssl rand -hex 16)
  hash=$(sha256 "$body")
  canonical="$method
$path

content-type:application/json; charset=utf-8
host:$HOST
x-acs-action:$action
x-acs-content-sha256:$hash
x-acs-date:$date
x-acs-signature-nonce:$nonce
x-acs-version:2021-02-04

content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
$hash"
  signature=$(printf 'ACS3-HMAC-SHA256\n%s' "$(sha256 "$canonical")" |
    openssl dgst -sha256 -hmac "$KEY_SECRET" -hex | sed 's/^.* //')
  answer=$(curl -sS -X "$method" "$URL$path" \
    -H "content-type: application/json; charset=utf-8" \
    -H "x-acs-action: $action" -H "x-acs-version: 2021-02-04" \
    -H "x-acs-date: $date" -H "x-acs-signature-nonce: $nonce" \
    -H "x-acs-content-sha256: $hash" \
    -H "Authorization: ACS3-HMAC-SHA256 Credential=$KEY_ID,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=$signature" \
    --data-binary "$body") ||
    fail "$action: no answer from $URL; is the local cloud running there?" "$(written)"
  if value=$(jq -er ".$field" <<<"$answer" 2>/dev/null); then
    printf '%s\n' "$value"
    return
  fi
  code=$(jq -r '.Code // empty' <<<"$answer" 2>/dev/null || true)
  message=$(jq -r '.Message // empty' <<<"$answer" 2>/dev/null || true)
  if [ "$code" = ResourceAlreadyExists ]; then
    fail "the cloud refused $action: $code: $message" \
      "The local cloud has these objects already: this script ran before against it." \
      "$(written)" "$START_OVER"
  fi
  fail "the cloud refused $action: ${code:-no error code}: ${message:-$answer}" \
    "$(written)" "$START_OVER"
}

workspace=$(call CreateWorkspace POST /api/v1/workspaces \
  '{"WorkspaceName":"legacy_rag","Description":"Created by hand before Forma","EnvTypes":["prod"]}' \
  WorkspaceId)
search=$(call CreateConnection POST /api/v1/connections \
  "{\"WorkspaceId\":\"$workspace\",\"ConnectionName\":\"search\",\"ConnectionType\":\"ElasticsearchConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"Search cluster\",\"Configs\":{\"uri\":\"http://es.legacy.internal:9200\",\"username\":\"elastic\"},\"Secrets\":{\"password\":\"fake-es-password\"}}" \
  ConnectionId)
archive=$(call CreateConnection POST /api/v1/connections \
  "{\"WorkspaceId\":\"$workspace\",\"ConnectionName\":\"archive\",\"ConnectionType\":\"MilvusConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"Vector archive\",\"Configs\":{\"uri\":\"http://milvus.legacy.internal:19530\",\"username\":\"root\"},\"Secrets\":{\"password\":\"fake-milvus-password\"}}" \
  ConnectionId)
# written whole or not at all: an empty or partial file would only make plan ask for the ids
printf 'workspace_id          = "%s"\nsearch_connection_id  = "%s"\narchive_connection_id = "%s"\n' \
  "$workspace" "$search" "$archive" > "$IDS.tmp"
mv "$IDS.tmp" "$IDS"
echo "Wrote $IDS:"
cat "$IDS"
