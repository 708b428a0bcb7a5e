#!/usr/bin/env bash
# Replays the vendor guide's API examples, in the guide's order, against a running Keyward, with curl as written in
# the guide (only the base URL, the token, the tenant and the ids filled in). Exits non-zero at the first answer
# that is not the one the guide promises.
#
#   BASE_URL=http://localhost:8080 TOKEN=kwp_... TENANT=tenant1 scripts/guide-examples.sh
#
# TOKEN must be a tenant-admin (or skylight-admin) PAT for TENANT. Creates a service account with a unique
# username, and deletes it again at the end.
set -euo pipefail

BASE_URL="${BASE_URL:-http://localhost:8080}"
: "${TOKEN:?set TOKEN to a tenant-admin PAT}"
TENANT="${TENANT:-tenant1}"
USERNAME="${USERNAME:-streamer-export-$(date +%s)-$RANDOM}"
EXPIRATION="${EXPIRATION:-$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)}"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT

step() { printf '%-44s' "$1"; }
expect() { # expected status, actual status
  if [[ "$2" != "$1" ]]; then
    echo "FAILED: expected $1, got $2"; cat "$OUT"; echo; exit 1
  fi
  echo "$2"
}
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$OUT" | head -1; }

step "Create a Service Account (withPAT=true)"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request POST \
--url "$BASE_URL/api/v2/auth/serviceaccount?withPAT=true&roles=tenant-admin" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/json' \
--header "X-Forwarded-Tenant-Id: $TENANT" \
--data '{
"username": "'"$USERNAME"'",
"name": "Streamer Export",
"accessTokenType": "Bearer",
"description": "Used by analytics streamer for gNMI export",
"expirationDate": "'"$EXPIRATION"'"
}')
expect 201 "$status"
MACHINE_USER_ID=$(field machineUserId)
PAT=$(field pat)
# Tests record every PAT they were given, to check afterwards that none was stored or logged anywhere.
if [[ -n "${PAT_LOG:-}" ]]; then echo "$PAT" >> "$PAT_LOG"; fi

step "Add a PAT to an Existing Service Account"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request POST \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID/pat" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/json' \
--header "X-Forwarded-Tenant-Id: $TENANT" \
--data '{
"expirationDate": "'"$EXPIRATION"'"
}')
expect 201 "$status"
CREDENTIAL_ID=$(field credentialId)
if [[ -n "${PAT_LOG:-}" ]]; then field pat >> "$PAT_LOG"; fi

step "List PATs"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request POST \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID/pat/search?page=1&pageSize=25" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/vnd.api+json' \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 200 "$status"
grep -q "\"$CREDENTIAL_ID\"" "$OUT" || { echo "FAILED: the new PAT is not listed"; exit 1; }
if grep -q 'kwp_' "$OUT"; then echo "FAILED: a listing shows a token"; exit 1; fi

step "Delete a PAT"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request DELETE \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID/pat/$CREDENTIAL_ID" \
--header "Authorization: Bearer $TOKEN" \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 200 "$status"

step "List PATs (the deleted one is gone)"
curl -s -o "$OUT" --request POST \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID/pat/search?page=1&pageSize=25" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/vnd.api+json' \
--header "X-Forwarded-Tenant-Id: $TENANT"
if grep -q "\"$CREDENTIAL_ID\"" "$OUT"; then echo "FAILED: the deleted PAT is still listed"; exit 1; fi
echo ok

step "Search Service Accounts"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request POST \
--url "$BASE_URL/api/v2/auth/serviceaccount/search?page=1&pageSize=25" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/vnd.api+json' \
--header "X-Forwarded-Tenant-Id: $TENANT" \
--data '{
"data": {
"attributes": {
"username": { "value": "'"$USERNAME"'" }
}
}
}')
expect 200 "$status"
grep -q "\"$MACHINE_USER_ID\"" "$OUT" || { echo "FAILED: search did not find the account"; exit 1; }

step "Get a Service Account"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request GET \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID" \
--header "Authorization: Bearer $TOKEN" \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 200 "$status"

step "Update a Service Account"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request PATCH \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID" \
--header "Authorization: Bearer $TOKEN" \
--header 'Content-Type: application/json' \
--header "X-Forwarded-Tenant-Id: $TENANT" \
--data '{
"name": "Streamer Export (Production)",
"description": "Updated description"
}')
expect 200 "$status"

step "Use a PAT for Authentication"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request GET \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID" \
--header "Authorization: Bearer $PAT" \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 200 "$status"

step "Delete a Service Account"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request DELETE \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID" \
--header "Authorization: Bearer $TOKEN" \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 200 "$status"

step "The deleted account's PAT is refused (401)"
status=$(curl -s -o "$OUT" -w '%{http_code}' --request GET \
--url "$BASE_URL/api/v2/auth/serviceaccount/$MACHINE_USER_ID" \
--header "Authorization: Bearer $PAT" \
--header "X-Forwarded-Tenant-Id: $TENANT")
expect 401 "$status"

echo "All of the guide's examples answered as the guide says."
