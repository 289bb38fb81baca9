#!/usr/bin/env bash
# Single Window Gateway: development test PKI. DEV ONLY; the prod profile refuses these keys.
#
# Regenerates everything under certs/dev from scratch (root CA, one intermediate CA per trust
# domain, the gateway's key and the dev partners' keys, PKCS#12 keystores and README.md),
# then verifies the result. Needs only bash and the openssl 3 CLI; keytool is used for an
# extra check when it is on the PATH.
#
# Usage: certs/dev/generate.sh        (from any directory)
set -euo pipefail
umask 022
export LC_ALL=C

DEV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DEV_DIR"

command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
OPENSSL_VERSION="$(openssl version)"
case "$OPENSSL_VERSION" in
  "OpenSSL 3."*) ;;
  *) echo "need OpenSSL 3.x, found: $OPENSSL_VERSION" >&2; exit 1 ;;
esac

PASSWORD="changeit"          # every PKCS#12 keystore; PEM keys are unencrypted (dev only)
ROOT_DAYS=9131               # 25 years
CA_DAYS=7305                 # 20 years
EE_DAYS=7304                 # 20 years less one day, so it ends inside its CA's validity
DEV_O="Single Window Gateway DEV ONLY"

# Partners: id | identity | issuing CA | key spec | subject (identity code in OU) | description
PARTNERS=(
  "moit|BCT|gov-ca|rsa:2048|/C=VN/O=Bo Cong Thuong/OU=BCT/CN=MOIT NSW Signing|Ministry of Industry and Trade (MINISTRY)"
  "vcb|01203001|public-ca|rsa:2048|/C=VN/O=Ngan hang TMCP Ngoai thuong Viet Nam/OU=01203001/CN=Vietcombank NSW Signing|Vietcombank (BANK)"
  "bidv|01202001|public-ca|rsa:3072|/C=VN/O=Ngan hang TMCP Dau tu va Phat trien Viet Nam/OU=01202001/CN=BIDV NSW Signing|BIDV (BANK)"
  "asw-id|ID|asw-id-ca|ec:prime256v1|/C=ID/O=Lembaga National Single Window/OU=ID/CN=INSW ASW Signing|Indonesia NSW (ASW_PARTNER)"
)
# Intermediate CAs: name | subject | description
CAS=(
  "gov-ca|/C=VN/O=$DEV_O/CN=SWG Dev Government CA|government CA for ministries"
  "public-ca|/C=VN/O=$DEV_O/CN=SWG Dev Public CA|public CA for banks (like VNPT-CA, Viettel-CA)"
  "asw-id-ca|/C=ID/O=$DEV_O/CN=SWG Dev Indonesia NSW CA|Indonesia NSW partner CA"
  "gateway-ca|/C=VN/O=$DEV_O/CN=SWG Dev Gateway CA|CA for the gateway's own key"
)
ROOT_SUBJ="/C=VN/O=$DEV_O/CN=SWG Dev Root CA"
GATEWAY_SUBJ="/C=VN/O=Tong cuc Hai quan DEV/OU=Vietnam Customs/CN=SWG Dev Gateway"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/openssl.cnf" <<'EOF'
[ req ]
distinguished_name = req_dn
string_mask        = utf8only
prompt             = no
[ req_dn ]
CN = unused

[ root_ca ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ intermediate_ca ]
basicConstraints       = critical, CA:true, pathlen:0
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ end_entity ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF

log() { printf '%s\n' "$*" >&2; }

# random positive 128-bit serial (x509 -set_serial takes a non-negative number)
random_serial() { printf '0x%s' "$(openssl rand -hex 16)"; }

# genkey <spec rsa:BITS|ec:CURVE> <out>: unencrypted PKCS#8 PEM
genkey() {
  local spec="$1" out="$2"
  case "$spec" in
    rsa:*) openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${spec#rsa:}" -out "$out" ;;
    ec:*)  openssl genpkey -quiet -algorithm EC -pkeyopt "ec_paramgen_curve:${spec#ec:}" \
             -pkeyopt ec_param_enc:named_curve -out "$out" ;;
    *) log "unknown key spec $spec"; exit 1 ;;
  esac
}

# issue <subject> <key> <ca-cert> <ca-key> <days> <extensions> <out-cert>
issue() {
  local subj="$1" key="$2" cacert="$3" cakey="$4" days="$5" ext="$6" out="$7"
  local csr="$WORK/$(basename "$out").$RANDOM.csr"
  openssl req -new -config "$WORK/openssl.cnf" -key "$key" -subj "$subj" -sha256 -out "$csr"
  openssl x509 -req -in "$csr" -CA "$cacert" -CAkey "$cakey" -set_serial "$(random_serial)" \
    -days "$days" -sha256 -extfile "$WORK/openssl.cnf" -extensions "$ext" -out "$out"
}

# keystore <key> <cert> <chain-file: CA certs up to the root> <alias> <out>
keystore() {
  openssl pkcs12 -export -inkey "$1" -in "$2" -certfile "$3" -name "$4" \
    -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 \
    -passout "pass:$PASSWORD" -out "$5"
}

# ---------------------------------------------------------------- clean slate
rm -rf ca gateway partners root-ca.pem root-ca.key.pem README.md
mkdir -p ca gateway partners

# ---------------------------------------------------------------- root
log "root CA"
genkey rsa:4096 root-ca.key.pem
openssl req -new -x509 -config "$WORK/openssl.cnf" -key root-ca.key.pem -subj "$ROOT_SUBJ" \
  -sha256 -days "$ROOT_DAYS" -set_serial "$(random_serial)" -extensions root_ca -out root-ca.pem

# ---------------------------------------------------------------- intermediates
for entry in "${CAS[@]}"; do
  IFS='|' read -r name subj _ <<<"$entry"
  log "intermediate CA $name"
  genkey rsa:3072 "ca/$name.key.pem"
  issue "$subj" "ca/$name.key.pem" root-ca.pem root-ca.key.pem "$CA_DAYS" intermediate_ca "ca/$name.pem"
done

# end_entity <dir> <alias> <ca-name> <key-spec> <subject>
end_entity() {
  local dir="$1" alias="$2" ca="$3" spec="$4" subj="$5"
  mkdir -p "$dir"
  genkey "$spec" "$dir/key.pem"
  issue "$subj" "$dir/key.pem" "ca/$ca.pem" "ca/$ca.key.pem" "$EE_DAYS" end_entity "$dir/cert.pem"
  cat "$dir/cert.pem" "ca/$ca.pem" >"$dir/chain.pem"
  cat "ca/$ca.pem" root-ca.pem >"$WORK/$alias-cas.pem"
  keystore "$dir/key.pem" "$dir/cert.pem" "$WORK/$alias-cas.pem" "$alias" "$dir/keystore.p12"
}

# ---------------------------------------------------------------- gateway
log "gateway"
end_entity gateway gateway gateway-ca rsa:3072 "$GATEWAY_SUBJ"

# ---------------------------------------------------------------- partners
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id _ ca spec subj _ <<<"$entry"
  log "partner $id"
  end_entity "partners/$id" "$id" "$ca" "$spec" "$subj"
done

# openssl writes keys and keystores 0600; git does not keep that, so make the layout the same
# as a fresh checkout (these keys are public dev material anyway)
find . -type f ! -name generate.sh -exec chmod 0644 {} +

# ---------------------------------------------------------------- verify
log "verifying"
verify_ee() { # <dir> <ca-name>
  openssl verify -x509_strict -purpose any -CAfile root-ca.pem -untrusted "ca/$2.pem" "$1/cert.pem" >/dev/null
  openssl pkcs12 -in "$1/keystore.p12" -passin "pass:$PASSWORD" -noout
  # the key in key.pem and keystore.p12 matches the certificate
  local want got
  want="$(openssl x509 -in "$1/cert.pem" -noout -pubkey | openssl sha256)"
  got="$(openssl pkey -in "$1/key.pem" -pubout | openssl sha256)"
  [ "$want" = "$got" ] || { log "key/cert mismatch in $1"; exit 1; }
  got="$(openssl pkcs12 -in "$1/keystore.p12" -passin "pass:$PASSWORD" -nocerts -nodes \
          | openssl pkey -pubout | openssl sha256)"
  [ "$want" = "$got" ] || { log "keystore key/cert mismatch in $1"; exit 1; }
}
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ <<<"$entry"
  openssl verify -x509_strict -CAfile root-ca.pem "ca/$name.pem" >/dev/null
done
verify_ee gateway gateway-ca
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id _ ca _ <<<"$entry"
  verify_ee "partners/$id" "$ca"
done
if command -v keytool >/dev/null; then
  keytool -list -storetype PKCS12 -keystore gateway/keystore.p12 -storepass "$PASSWORD" -alias gateway >/dev/null
  for entry in "${PARTNERS[@]}"; do
    IFS='|' read -r id _ <<<"$entry"
    keytool -list -storetype PKCS12 -keystore "partners/$id/keystore.p12" -storepass "$PASSWORD" -alias "$id" >/dev/null
  done
  log "keytool: all keystores readable by Java"
else
  log "keytool not found: Java check skipped"
fi

# ---------------------------------------------------------------- README.md
subject_of() { openssl x509 -in "$1" -noout -subject -nameopt RFC2253 | sed 's/^subject=//'; }
issuer_of()  { openssl x509 -in "$1" -noout -issuer  -nameopt RFC2253 | sed 's/^issuer=//'; }
validity_of() {
  local nb na
  nb="$(openssl x509 -in "$1" -noout -startdate -dateopt iso_8601 | sed 's/^notBefore=//')"
  na="$(openssl x509 -in "$1" -noout -enddate   -dateopt iso_8601 | sed 's/^notAfter=//')"
  printf '%s → %s' "$nb" "$na"
}
# key type from a public key in PEM on stdin
pubkey_type() {
  local text bits
  text="$(openssl pkey -pubin -noout -text)"
  bits="$(printf '%s\n' "$text" | sed -n '1s/.*(\([0-9]*\) bit).*/\1/p')"
  if printf '%s\n' "$text" | grep -q 'ASN1 OID:'; then
    printf 'EC P-%s (%s)' "$bits" "$(printf '%s\n' "$text" | sed -n 's/^ASN1 OID: //p')"
  else
    printf 'RSA %s' "$bits"
  fi
}
cert_keytype() { openssl x509 -in "$1" -noout -pubkey | pubkey_type; }
key_keytype()  { openssl pkey -in "$1" -pubout | pubkey_type; }

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
cert_row() { # <file> <purpose>
  row "\`$1\`" "$2" "$(subject_of "$1")" "$(issuer_of "$1")" "$(validity_of "$1")" "$(cert_keytype "$1")" "-"
}
key_row() { # <file> <purpose>
  row "\`$1\`" "$2" "-" "-" "-" "$(key_keytype "$1"), PKCS#8 PEM, unencrypted" "none"
}
chain_row() { # <dir> <purpose> <ca-cert>
  row "\`$1/chain.pem\`" "$2" "1: $(subject_of "$1/cert.pem"); 2: $(subject_of "$3")" \
      "1: $(issuer_of "$1/cert.pem"); 2: $(issuer_of "$3")" \
      "1: $(validity_of "$1/cert.pem"); 2: $(validity_of "$3")" \
      "1: $(cert_keytype "$1/cert.pem"); 2: $(cert_keytype "$3")" "-"
}
p12_row() { # <dir> <alias> <purpose>
  row "\`$1/keystore.p12\`" "$3; alias \`$2\` = key + cert + CA + root (AES-256-CBC/PBKDF2, HMAC-SHA256)" \
      "$(subject_of "$1/cert.pem")" "$(issuer_of "$1/cert.pem")" "$(validity_of "$1/cert.pem")" \
      "$(cert_keytype "$1/cert.pem")" "\`$PASSWORD\` (store and key)"
}
fp_row() { # <file>
  printf '| `%s` | `%s` | `%s` |\n' "$1" \
    "$(openssl x509 -in "$1" -noout -serial | sed 's/^serial=//')" \
    "$(openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*Fingerprint=//')"
}

{
cat <<EOF
# Development test PKI (DEV ONLY)

Test certificates and **unencrypted private keys** for running and testing the Single Window
Gateway locally: a dev root CA, one intermediate CA per trust domain, the gateway's own
signing key and the dev partners of ARCHITECTURE.md ("Dev partners"). Every private key here
is public knowledge: nothing in this folder may ever be trusted outside development. Every CA
carries \`O=$DEV_O\`; the \`prod\` profile refuses to start with these test keys.

Generated by \`certs/dev/generate.sh\` on $(date -u +%Y-%m-%d) with $OPENSSL_VERSION.
This file is written by the script too: do not edit it by hand.

## Regenerate

\`\`\`
certs/dev/generate.sh
\`\`\`

Bash and the openssl 3 CLI only (Debian 12 is fine). It deletes and recreates everything
listed below (except the script itself), with fresh keys and random serial numbers, then
verifies every chain with \`openssl verify\`, opens every keystore with \`openssl pkcs12\` and,
when \`keytool\` is on the PATH, with Java. Regenerating changes every key and fingerprint, so
anything that pins them (tests, partner configuration) must be updated in the same change.

## How the gateway uses it

The default (\`dev\`) profile, \`src/main/resources/application-dev.yml\`, signs with
\`gateway/keystore.p12\` and registers each dev partner with its own CA as its only trust anchor
(\`ca/gov-ca.pem\` for moit, \`ca/public-ca.pem\` for vcb and bidv, \`ca/asw-id-ca.pem\` for asw-id)
and its \`cert.pem\` as the registered signing certificate. Anchoring each partner on its issuing
CA, not on the shared root, is what makes a ministry certificate useless on a bank's message.
Partners and tools that verify what the gateway signs use \`root-ca.pem\`, or \`ca/gateway-ca.pem\`
to pin the gateway.

## Layout and conventions

\`\`\`
root-ca.pem                 SWG Dev Root CA
├── ca/gov-ca.pem           issues partners/moit
├── ca/public-ca.pem        issues partners/vcb, partners/bidv
├── ca/asw-id-ca.pem        issues partners/asw-id
└── ca/gateway-ca.pem       issues gateway
\`\`\`

- Root: RSA 4096, sha256, 25 years; \`basicConstraints critical CA:true\`, \`keyUsage critical
  keyCertSign, cRLSign\`.
- Intermediates: RSA 3072, sha256, 20 years, issued by the root; \`basicConstraints critical
  CA:true, pathlen:0\`, \`keyUsage critical keyCertSign, cRLSign\`.
- End entities (gateway, partners): sha256, 20 years less one day (so they end inside their
  CA's validity); \`basicConstraints critical CA:false\`, \`keyUsage critical digitalSignature,
  nonRepudiation\`, no extended key usage; subject and authority key identifiers; random
  128-bit serial numbers.
- **The partner's identity code is the subject's \`OU\`** (\`OU=BCT\`, \`OU=01203001\`,
  \`OU=01202001\`, \`OU=ID\`). The gateway's subject is \`OU=Vietnam Customs\`.
- \`key.pem\`: PKCS#8 PEM (\`BEGIN PRIVATE KEY\`), unencrypted. \`chain.pem\`: the certificate
  followed by its intermediate (no root). \`keystore.p12\`: PKCS#12 with the key, the
  certificate and the chain up to the root under one alias (the partner id, or \`gateway\`),
  password \`$PASSWORD\` for store and key, openssl 3 default encryption (AES-256-CBC with
  PBKDF2, SHA-256 MAC); Java 17 reads it (\`keytool -list -storetype PKCS12 -keystore
  certs/dev/gateway/keystore.p12 -storepass $PASSWORD\`).
- CA private keys are kept (\`*.key.pem\`) so tests can issue revoked, expired or otherwise odd
  certificates; see the end of this file.

| Partner id | Identity | Kind | Issuing CA |
|---|---|---|---|
EOF
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id ident ca _ _ desc <<<"$entry"
  printf '| `%s` | `%s` | %s | `ca/%s.pem` |\n' "$id" "$ident" "$desc" "$ca"
done
cat <<EOF

## Files

Dates are UTC, as generated. Passwords: none on any PEM file; \`$PASSWORD\` on every \`.p12\`.

| Path (under \`certs/dev\`) | Purpose | Subject | Issuer | Validity (not before → not after) | Key type | Password |
|---|---|---|---|---|---|---|
EOF
row '`README.md`' "this file (written by generate.sh)" "-" "-" "-" "-" "-"
row '`generate.sh`' "the script that regenerates everything here" "-" "-" "-" "-" "-"
cert_row root-ca.pem "dev root CA certificate (trust anchor)"
key_row root-ca.key.pem "dev root CA private key"
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ desc <<<"$entry"
  cert_row "ca/$name.pem" "intermediate: $desc"
  key_row "ca/$name.key.pem" "private key of ca/$name.pem"
done
key_row gateway/key.pem "gateway signing key"
cert_row gateway/cert.pem "gateway signing certificate"
chain_row gateway "gateway certificate + ca/gateway-ca.pem" ca/gateway-ca.pem
p12_row gateway gateway "gateway keystore"
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id _ ca _ _ desc <<<"$entry"
  d="partners/$id"
  key_row "$d/key.pem" "$id signing key ($desc)"
  cert_row "$d/cert.pem" "$id signing certificate"
  chain_row "$d" "$id certificate + ca/$ca.pem" "ca/$ca.pem"
  p12_row "$d" "$id" "$id keystore"
done
cat <<'EOF'

## Serial numbers and SHA-256 fingerprints

| Certificate | Serial | SHA-256 fingerprint |
|---|---|---|
EOF
fp_row root-ca.pem
for entry in "${CAS[@]}"; do IFS='|' read -r name _ <<<"$entry"; fp_row "ca/$name.pem"; done
fp_row gateway/cert.pem
for entry in "${PARTNERS[@]}"; do IFS='|' read -r id _ <<<"$entry"; fp_row "partners/$id/cert.pem"; done
cat <<'EOF'

## Issuing an extra test certificate

Use a CA key from this folder; put the result under `src/test/resources` (or a temporary
directory), not here, since `generate.sh` deletes and recreates this folder's contents.
For example a second Vietcombank certificate from the public CA, valid for 30 days:

```
cd certs/dev
cat > /tmp/ee.cnf <<'CNF'
[ ee ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
CNF
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /tmp/vcb2.key.pem
openssl req -new -key /tmp/vcb2.key.pem -out /tmp/vcb2.csr \
  -subj "/C=VN/O=Ngan hang TMCP Ngoai thuong Viet Nam/OU=01203001/CN=Vietcombank NSW Signing 2"
openssl x509 -req -in /tmp/vcb2.csr -CA ca/public-ca.pem -CAkey ca/public-ca.key.pem \
  -set_serial "0x$(openssl rand -hex 16)" -days 30 -sha256 \
  -extfile /tmp/ee.cnf -extensions ee -out /tmp/vcb2.pem
openssl verify -CAfile root-ca.pem -untrusted ca/public-ca.pem /tmp/vcb2.pem
```

- A certificate issued by the wrong CA for its partner (e.g. a "bank" certificate from
  `ca/gov-ca.pem`), or a self-signed one, exercises SWG-SEC-005.
- An expired or not-yet-valid certificate (SWG-SEC-006) needs explicit dates, which
  openssl 3.0's `x509 -req` cannot set: use `openssl ca` with `-startdate`/`-enddate`
  (YYMMDDHHMMSSZ), or sign with a Java/BouncyCastle test helper using the CA key.
- Revocation (SWG-SEC-007): `openssl ca -revoke` then `openssl ca -gencrl` with a small
  `openssl ca` configuration pointing at the CA key and certificate (database `index.txt`,
  `crlnumber`), or build the CRL in a test helper.
EOF
} >README.md

log "done: $(find . -type f | wc -l) files in $DEV_DIR"
