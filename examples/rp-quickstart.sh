#!/usr/bin/env bash
# An RP's authorization code flow against the dev gateway (started with
# JPKI_GATE_OIDC_CLIENTS_FILE=examples/clients.json ./run.sh), the simulator's card C000001 as the signer.
# GATE and SIM_STATE point elsewhere when the gateway runs on another port or data directory.
set -euo pipefail
GATE=${GATE:-http://localhost:8080}
SIM="java -jar jpki-sim/target/jpki-sim.jar --state ${SIM_STATE:-./data/sim}"
VERIFIER=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
CHALLENGE=$(printf %s "$VERIFIER" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')
REDIRECT=http://localhost:3000/callback
# 1. the browser opens /authorize: a page with the QR code of the login transaction
curl -s -c /tmp/rp-cookies -o /tmp/rp-page.html \
  "$GATE/authorize?client_id=demo-rp&response_type=code&redirect_uri=$REDIRECT&scope=openid%20name%20birthdate&state=xyz&nonce=n-1&code_challenge=$CHALLENGE&code_challenge_method=S256"
TXN=$(grep -o "$GATE/login/[A-Za-z0-9_-]*" /tmp/rp-page.html | head -1)
# 2. the person's card signs the transaction (the password: the 4 information was asked for)
$SIM sign --card C000001 --password ABC123 --url "$TXN"
# 3. the page continues: to the consent page the first time (per client and scopes), then to the RP with the code
NEXT=$(curl -s -b /tmp/rp-cookies -o /dev/null -w '%{redirect_url}' "$TXN/continue")
if [[ "$NEXT" == */consent ]]; then
  # the person reads what the RP will receive and presses "approve" (the form's csrf token comes with the page)
  CSRF=$(curl -s -b /tmp/rp-cookies "$NEXT" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  NEXT=$(curl -s -b /tmp/rp-cookies -o /dev/null -w '%{redirect_url}' -d "csrf=$CSRF" -d decision=approve "$NEXT")
fi
CODE=$(printf %s "$NEXT" | sed 's/.*code=\([^&]*\).*/\1/')
# 4. the RP redeems the code, then asks userinfo
TOKENS=$(curl -s -u demo-rp:demo-secret -d grant_type=authorization_code -d "code=$CODE" \
  -d "redirect_uri=$REDIRECT" -d "code_verifier=$VERIFIER" "$GATE/token")
echo "$TOKENS" | python3 -c 'import json,sys; t=json.load(sys.stdin); print({k: (v[:24]+"…" if isinstance(v,str) and len(v)>40 else v) for k,v in t.items()})'
ACCESS=$(echo "$TOKENS" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
curl -s -H "Authorization: Bearer $ACCESS" "$GATE/userinfo"; echo
