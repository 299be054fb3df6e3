#!/usr/bin/env bash
# Creates, outside Forma, what ./main.tf then adopts: a workspace and two connections in the local
# cloud at URL. Each call is signed by hand (ACS3-HMAC-SHA256, as the Alibaba Cloud SDKs sign) with
# the local cloud's default key, to show that these are ordinary API calls.
# Usage: ./create-outside.sh http://127.0.0.1:PORT   (prints the ids as NAME=ID lines)
set -euo pipefail
URL=${1:?usage: create-outside.sh http://127.0.0.1:PORT}
KEY_ID=forma-local
KEY_SECRET=forma-local-secret
HOST=${URL#*://}

sha256() { printf '%s' "$1" | openssl dgst -sha256 -hex | sed 's/^.* //'; }

# call ACTION METHOD PATH BODY: signs the request, sends it, prints the JSON answer
call() {
  local action=$1 method=$2 path=$3 body=$4
  local date nonce hash canonical signature
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
  curl -sS -X "$method" "$URL$path" \
    -H "content-type: application/json; charset=utf-8" \
    -H "x-acs-action: $action" -H "x-acs-version: 2021-02-04" \
    -H "x-acs-date: $date" -H "x-acs-signature-nonce: $nonce" \
    -H "x-acs-content-sha256: $hash" \
    -H "Authorization: ACS3-HMAC-SHA256 Credential=$KEY_ID,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=$signature" \
    --data-binary "$body"
}

field() { jq -er ".$1" || { echo "create-outside.sh: the cloud refused the call" >&2; exit 1; }; }

workspace=$(call CreateWorkspace POST /api/v1/workspaces \
  '{"WorkspaceName":"legacy_rag","Description":"Created by hand before Forma","EnvTypes":["prod"]}' |
  field WorkspaceId)
search=$(call CreateConnection POST /api/v1/connections \
  "{\"WorkspaceId\":\"$workspace\",\"ConnectionName\":\"search\",\"ConnectionType\":\"ElasticsearchConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"Search cluster\",\"Configs\":{\"uri\":\"http://es.legacy.internal:9200\",\"username\":\"elastic\"},\"Secrets\":{\"password\":\"fake-es-password\"}}" |
  field ConnectionId)
archive=$(call CreateConnection POST /api/v1/connections \
  "{\"WorkspaceId\":\"$workspace\",\"ConnectionName\":\"archive\",\"ConnectionType\":\"MilvusConnection\",\"Accessibility\":\"PRIVATE\",\"Description\":\"Vector archive\",\"Configs\":{\"uri\":\"http://milvus.legacy.internal:19530\",\"username\":\"root\"},\"Secrets\":{\"password\":\"fake-milvus-password\"}}" |
  field ConnectionId)
echo "workspace_id=$workspace"
echo "search_connection_id=$search"
echo "archive_connection_id=$archive"
