#!/usr/bin/env bash
# Single Window Gateway: development test PKI. DEV ONLY; the prod profile refuses these keys.
#
# Regenerates everything under certs/dev from scratch (root CA, one intermediate CA per trust
# domain, the gateway's key and the dev partners' keys, PKCS#12 keystores, one revoked test
# certificate, each issuing CA's openssl ca database and CRL, the TLS material under tls/ and
# README.md), then verifies the result. Needs bash, the openssl 3 CLI and keytool (a JDK's: the
# TLS trust store must carry Java's trusted-certificate attribute, which openssl 3.0 cannot write).
#
# Usage: certs/dev/generate.sh              (from any directory) everything, from scratch
#        certs/dev/generate.sh --tls-only   only the TLS material (ca/tls-ca, tls/, its CA database
#                                           and CRL) under the existing root, then verify and README:
#                                           signing keys stay as they are (the fuzz seeds and anything
#                                           else signed with them keep verifying)
set -euo pipefail
umask 022
export LC_ALL=C

TLS_ONLY=false
case "${1:-}" in
  "") ;;
  --tls-only) TLS_ONLY=true ;;
  *) echo "usage: $0 [--tls-only]" >&2; exit 2 ;;
esac

DEV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$DEV_DIR"

command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
command -v keytool >/dev/null || { echo "keytool not found (install a JDK): it writes tls/truststore.p12" >&2; exit 1; }
OPENSSL_VERSION="$(openssl version)"
case "$OPENSSL_VERSION" in
  "OpenSSL 3."*) ;;
  *) echo "need OpenSSL 3.x, found: $OPENSSL_VERSION" >&2; exit 1 ;;
esac

PASSWORD="changeit"          # every PKCS#12 keystore; PEM keys are unencrypted (dev only)
ROOT_DAYS=9131               # 25 years
CA_DAYS=7305                 # 20 years
EE_DAYS=7304                 # 20 years less one day, so it ends inside its CA's validity
CRL_DAYS=3653                # nextUpdate of the dev CRLs: 10 years (at least; real CRLs: days)
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
  "tls-ca|/C=VN/O=$DEV_O/CN=SWG Dev TLS CA|TLS only: the gateway's server certificate and the partners' client certificates"
)
# TLS client certificates of the partners that connect over HTTPS (kept apart from their signing
# keys): id | key spec | subject
TLS_CLIENTS=(
  "moit|rsa:2048|/C=VN/O=Bo Cong Thuong/OU=BCT/CN=MOIT NSW TLS Client"
  "vcb|rsa:2048|/C=VN/O=Ngan hang TMCP Ngoai thuong Viet Nam/OU=01203001/CN=Vietcombank NSW TLS Client"
  "bidv|rsa:2048|/C=VN/O=Ngan hang TMCP Dau tu va Phat trien Viet Nam/OU=01202001/CN=BIDV NSW TLS Client"
  "asw-id|ec:prime256v1|/C=ID/O=Lembaga National Single Window/OU=ID/CN=INSW ASW TLS Client"
)
TLS_SERVER_SUBJ="/C=VN/O=Tong cuc Hai quan DEV/OU=Vietnam Customs/CN=localhost"
# Revoked test certificates (not registered partners): id | issuing CA | key spec | subject | reason | description
REVOKED=(
  "vcb-revoked|public-ca|rsa:2048|/C=VN/O=Ngan hang TMCP Ngoai thuong Viet Nam/OU=01203001/CN=Vietcombank NSW Signing (revoked)|keyCompromise|revoked Vietcombank certificate, for trying SWG-SEC-007"
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
EOF
# (end entities are issued with openssl ca: their profile is in ca-db/<ca-name>/openssl.cnf)

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

# ca_db <ca-name>: the openssl ca configuration and an empty database of an issuing CA, under
# ca-db/<ca-name>/. Paths in the configuration are relative to certs/dev (run openssl ca there).
ca_db() {
  local name="$1" db="ca-db/$1"
  mkdir -p "$db/newcerts"
  : >"$db/index.txt"
  printf 'unique_subject = no\n' >"$db/index.txt.attr"
  openssl rand -hex 16 >"$db/serial"
  printf '01\n' >"$db/crlnumber"
  cat >"$db/openssl.cnf" <<EOF
# openssl ca configuration of ca/$name.pem (DEV ONLY), written by generate.sh. Run from certs/dev:
#   openssl ca -config $db/openssl.cnf -revoke <cert.pem> -crl_reason keyCompromise
#   openssl ca -config $db/openssl.cnf -gencrl -out crl/$name.crl
[ ca ]
default_ca = dev_ca

[ dev_ca ]
certificate      = ca/$name.pem
private_key      = ca/$name.key.pem
database         = $db/index.txt
new_certs_dir    = $db/newcerts
serial           = $db/serial
crlnumber        = $db/crlnumber
default_md       = sha256
default_days     = $EE_DAYS
default_crl_days = $CRL_DAYS
unique_subject   = no
preserve         = yes
email_in_dn      = no
copy_extensions  = none
policy           = policy_any
x509_extensions  = end_entity
crl_extensions   = crl_ext

[ policy_any ]
countryName            = optional
organizationName       = optional
organizationalUnitName = optional
commonName             = supplied

# the end-entity profile: no AIA and no CRL distribution point (dev never goes to the network)
[ end_entity ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ crl_ext ]
authorityKeyIdentifier = keyid:always
EOF
  [ "$name" = tls-ca ] || return 0
  cat >>"$db/openssl.cnf" <<EOF

# TLS profiles (tls-ca only): the gateway's server certificate, for localhost
[ tls_server ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectAltName         = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

# a partner's TLS client certificate
[ tls_client ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = clientAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
EOF
}

# ca_run <ca-name> <openssl ca arguments...>: openssl ca on that CA's database, quiet unless it fails
ca_run() {
  local name="$1"; shift
  openssl ca -config "ca-db/$name/openssl.cnf" -batch "$@" 2>"$WORK/ca.log" \
    || { cat "$WORK/ca.log" >&2; log "openssl ca failed for $name"; exit 1; }
}

# ca_issue <subject> <key> <ca-name> <out-cert> [profile]: an end-entity certificate recorded in
# the CA's database, with a random 128-bit serial number (the serial file is re-randomised after
# each use); profile is a section of the CA's openssl.cnf, end_entity (signing) by default
ca_issue() {
  local subj="$1" key="$2" ca="$3" out="$4" profile="${5:-end_entity}"
  local csr="$WORK/$(basename "$(dirname "$out")").$RANDOM.csr"
  openssl req -new -config "$WORK/openssl.cnf" -key "$key" -subj "$subj" -sha256 -out "$csr"
  ca_run "$ca" -notext -days "$EE_DAYS" -extensions "$profile" -in "$csr" -out "$out"
  openssl rand -hex 16 >"ca-db/$ca/serial"
}

# keystore <key> <cert> <chain-file: CA certs up to the root> <alias> <out>
keystore() {
  openssl pkcs12 -export -inkey "$1" -in "$2" -certfile "$3" -name "$4" \
    -keypbe AES-256-CBC -certpbe AES-256-CBC -macalg sha256 \
    -passout "pass:$PASSWORD" -out "$5"
}

# ---------------------------------------------------------------- clean slate
if $TLS_ONLY; then
  [ -f root-ca.key.pem ] || { log "--tls-only needs the existing root CA (root-ca.pem, root-ca.key.pem)"; exit 1; }
  rm -rf tls ca/tls-ca.pem ca/tls-ca.key.pem ca-db/tls-ca crl/tls-ca.crl README.md
  mkdir -p tls
else
  rm -rf ca ca-db crl gateway partners tls root-ca.pem root-ca.key.pem README.md
  mkdir -p ca ca-db crl gateway partners tls
fi

# ---------------------------------------------------------------- root
if ! $TLS_ONLY; then
log "root CA"
genkey rsa:4096 root-ca.key.pem
openssl req -new -x509 -config "$WORK/openssl.cnf" -key root-ca.key.pem -subj "$ROOT_SUBJ" \
  -sha256 -days "$ROOT_DAYS" -set_serial "$(random_serial)" -extensions root_ca -out root-ca.pem
fi

# ---------------------------------------------------------------- intermediates
for entry in "${CAS[@]}"; do
  IFS='|' read -r name subj _ <<<"$entry"
  if $TLS_ONLY && [ "$name" != tls-ca ]; then continue; fi
  log "intermediate CA $name"
  genkey rsa:3072 "ca/$name.key.pem"
  issue "$subj" "ca/$name.key.pem" root-ca.pem root-ca.key.pem "$CA_DAYS" intermediate_ca "ca/$name.pem"
  ca_db "$name"
done
# openssl's own backups (*.old) are not kept
printf '*.old\n' >ca-db/.gitignore

# end_entity <dir> <alias> <ca-name> <key-spec> <subject> [profile]
end_entity() {
  local dir="$1" alias="$2" ca="$3" spec="$4" subj="$5" profile="${6:-end_entity}"
  mkdir -p "$dir"
  genkey "$spec" "$dir/key.pem"
  ca_issue "$subj" "$dir/key.pem" "$ca" "$dir/cert.pem" "$profile"
  cat "$dir/cert.pem" "ca/$ca.pem" >"$dir/chain.pem"
  cat "ca/$ca.pem" root-ca.pem >"$WORK/$alias-cas.pem"
  keystore "$dir/key.pem" "$dir/cert.pem" "$WORK/$alias-cas.pem" "$alias" "$dir/keystore.p12"
}

if ! $TLS_ONLY; then
# ---------------------------------------------------------------- gateway
log "gateway"
end_entity gateway gateway gateway-ca rsa:3072 "$GATEWAY_SUBJ"

# ---------------------------------------------------------------- partners
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id _ ca spec subj _ <<<"$entry"
  log "partner $id"
  end_entity "partners/$id" "$id" "$ca" "$spec" "$subj"
done

# ---------------------------------------------------------------- revoked test certificates
for entry in "${REVOKED[@]}"; do
  IFS='|' read -r id ca spec subj reason _ <<<"$entry"
  log "revoked certificate $id ($reason)"
  end_entity "partners/$id" "$id" "$ca" "$spec" "$subj"
  ca_run "$ca" -revoke "partners/$id/cert.pem" -crl_reason "$reason"
done

fi

# ---------------------------------------------------------------- TLS (apart from signing)
log "TLS server certificate of the gateway"
end_entity tls/gateway gateway tls-ca rsa:2048 "$TLS_SERVER_SUBJ" tls_server
for entry in "${TLS_CLIENTS[@]}"; do
  IFS='|' read -r id spec subj <<<"$entry"
  log "TLS client certificate of $id"
  end_entity "tls/partners/$id" "$id" tls-ca "$spec" "$subj" tls_client
done
# One trust store for both ends in dev: the gateway trusts partner client certificates issued by
# tls-ca, partners trust the gateway's server certificate issued by tls-ca.
keytool -importcert -noprompt -storetype PKCS12 -keystore tls/truststore.p12 -storepass "$PASSWORD" \
  -alias tls-ca -file ca/tls-ca.pem >/dev/null 2>&1 || { log "keytool could not write tls/truststore.p12"; exit 1; }

# ---------------------------------------------------------------- CRLs
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ <<<"$entry"
  if $TLS_ONLY && [ "$name" != tls-ca ]; then continue; fi
  log "CRL of $name"
  ca_run "$name" -gencrl -out "crl/$name.crl"
done
find ca-db -name '*.old' -delete

# openssl writes keys and keystores 0600; git does not keep that, so make the layout the same
# as a fresh checkout (these keys are public dev material anyway)
find . -type f ! -name generate.sh -exec chmod 0644 {} +

# ---------------------------------------------------------------- verify
log "verifying"
fail() { log "CHECK FAILED: $*"; exit 1; }
serial_of() { openssl x509 -in "$1" -noout -serial | sed 's/^serial=//'; }
# db_status <ca-name> <serial>: V or R, from the CA's index.txt
db_status() { awk -F'\t' -v s="$2" 'toupper($4) == toupper(s) { print $1 }' "ca-db/$1/index.txt"; }
# no network locations: the gateway must never try to fetch anything in dev
no_urls() {
  ! openssl x509 -in "$1" -noout -text \
    | grep -Eq 'Authority Information Access|CRL Distribution Points|URI:' \
    || fail "$1 carries an AIA or CRL distribution point"
}
# CRLs: PEM, signed by their CA with sha256, CRL number, AKI = the CA's SKI, nextUpdate ~10 years
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ <<<"$entry"
  crl="crl/$name.crl"
  head -n 1 "$crl" | grep -qx -- '-----BEGIN X509 CRL-----' || fail "$crl is not a PEM CRL"
  openssl crl -in "$crl" -CAfile "ca/$name.pem" -noout 2>&1 | grep -qx 'verify OK' \
    || fail "$crl does not verify against ca/$name.pem"
  text="$(openssl crl -in "$crl" -noout -text)"
  grep -q 'Signature Algorithm: sha256WithRSAEncryption' <<<"$text" || fail "$crl is not signed with sha256"
  grep -q 'X509v3 CRL Number' <<<"$text" || fail "$crl has no CRL number"
  ski="$(openssl x509 -in "ca/$name.pem" -noout -ext subjectKeyIdentifier | sed -n '2s/^ *//p')"
  grep -A1 'X509v3 Authority Key Identifier' <<<"$text" | grep -q "$ski" \
    || fail "$crl has no authority key identifier of ca/$name.pem"
  [ "$(openssl crl -in "$crl" -noout -issuer -nameopt RFC2253)" = \
    "issuer=$(openssl x509 -in "ca/$name.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')" ] \
    || fail "$crl issuer is not ca/$name.pem"
done
verify_ee() { # <dir> <ca-name> [revoked reason]
  openssl verify -x509_strict -purpose any -CAfile root-ca.pem -untrusted "ca/$2.pem" "$1/cert.pem" >/dev/null
  no_urls "$1/cert.pem"
  local serial out
  serial="$(serial_of "$1/cert.pem")"
  if [ -z "${3:-}" ]; then
    # not revoked: passes -crl_check against its CA's CRL, and is valid in the CA's database
    openssl verify -x509_strict -purpose any -crl_check -CRLfile "crl/$2.crl" -CAfile root-ca.pem \
      -untrusted "ca/$2.pem" "$1/cert.pem" >/dev/null || fail "$1/cert.pem does not pass -crl_check"
    [ "$(db_status "$2" "$serial")" = V ] || fail "$1/cert.pem is not valid in ca-db/$2"
  else
    # revoked: good in every other respect, listed in its CA's CRL with the reason, R in the database
    out="$(openssl verify -x509_strict -purpose any -crl_check -CRLfile "crl/$2.crl" -CAfile root-ca.pem \
             -untrusted "ca/$2.pem" "$1/cert.pem" 2>&1 || true)"
    grep -q 'certificate revoked' <<<"$out" || fail "$1/cert.pem is not revoked by crl/$2.crl: $out"
    openssl crl -in "crl/$2.crl" -noout -text | grep -A4 "Serial Number: $serial" \
      | grep -qi "$(sed 's/\([a-z]\)\([A-Z]\)/\1 \2/g' <<<"$3")" || fail "crl/$2.crl does not list $serial as $3"
    [ "$(db_status "$2" "$serial")" = R ] || fail "$1/cert.pem is not revoked in ca-db/$2"
  fi
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
for entry in "${REVOKED[@]}"; do
  IFS='|' read -r id ca _ _ reason _ <<<"$entry"
  verify_ee "partners/$id" "$ca" "$reason"
done
# TLS: the server certificate is good for a TLS server on localhost and 127.0.0.1, each client
# certificate for a TLS client, and none of them for the other role
verify_ee tls/gateway tls-ca
openssl verify -x509_strict -purpose sslserver -verify_ip 127.0.0.1 -CAfile root-ca.pem -untrusted ca/tls-ca.pem \
  tls/gateway/cert.pem >/dev/null || fail "tls/gateway/cert.pem is not a TLS server certificate for 127.0.0.1"
openssl verify -x509_strict -purpose sslserver -verify_hostname localhost -CAfile root-ca.pem -untrusted ca/tls-ca.pem \
  tls/gateway/cert.pem >/dev/null || fail "tls/gateway/cert.pem is not a TLS server certificate for localhost"
for entry in "${TLS_CLIENTS[@]}"; do
  IFS='|' read -r id _ <<<"$entry"
  verify_ee "tls/partners/$id" tls-ca
  openssl verify -x509_strict -purpose sslclient -CAfile root-ca.pem -untrusted ca/tls-ca.pem \
    "tls/partners/$id/cert.pem" >/dev/null || fail "tls/partners/$id/cert.pem is not a TLS client certificate"
  ! openssl verify -x509_strict -purpose sslserver -CAfile root-ca.pem -untrusted ca/tls-ca.pem \
    "tls/partners/$id/cert.pem" >/dev/null 2>&1 || fail "tls/partners/$id/cert.pem would pass as a TLS server"
done
keytool -list -storetype PKCS12 -keystore tls/truststore.p12 -storepass "$PASSWORD" -alias tls-ca 2>/dev/null \
  | grep -q trustedCertEntry || fail "tls/truststore.p12 has no trusted entry tls-ca"
keytool -list -storetype PKCS12 -keystore gateway/keystore.p12 -storepass "$PASSWORD" -alias gateway >/dev/null
keytool -list -storetype PKCS12 -keystore tls/gateway/keystore.p12 -storepass "$PASSWORD" -alias gateway >/dev/null
for entry in "${TLS_CLIENTS[@]}"; do
  IFS='|' read -r id _ <<<"$entry"
  keytool -list -storetype PKCS12 -keystore "tls/partners/$id/keystore.p12" -storepass "$PASSWORD" -alias "$id" >/dev/null
done
for entry in "${PARTNERS[@]}"; do
  IFS='|' read -r id _ <<<"$entry"
  keytool -list -storetype PKCS12 -keystore "partners/$id/keystore.p12" -storepass "$PASSWORD" -alias "$id" >/dev/null
done
for entry in "${REVOKED[@]}"; do
  IFS='|' read -r id _ <<<"$entry"
  keytool -list -storetype PKCS12 -keystore "partners/$id/keystore.p12" -storepass "$PASSWORD" -alias "$id" >/dev/null
done
log "keytool: all keystores readable by Java"

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
crl_row() { # <file> <purpose>
  local lu nu
  lu="$(openssl crl -in "$1" -noout -lastupdate -dateopt iso_8601 | sed 's/^lastUpdate=//')"
  nu="$(openssl crl -in "$1" -noout -nextupdate -dateopt iso_8601 | sed 's/^nextUpdate=//')"
  row "\`$1\`" "$2" "-" "$(openssl crl -in "$1" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')" \
      "$lu → $nu (thisUpdate → nextUpdate)" "-" "-"
}
crl_number() { openssl crl -in "$1" -noout -crlnumber | sed 's/^crlNumber=0x/CRL number /'; }
crl_revoked() { # serial numbers listed, or none
  local serials
  serials="$(openssl crl -in "$1" -noout -text | sed -n 's/^ *Serial Number: *//p' | sed 's/.*/`&`/' | paste -sd, - | sed 's/,/, /g')"
  printf '%s' "${serials:-none}"
}
db_summary() { # <ca-name>
  local v r
  v="$(awk -F'\t' '$1 == "V"' "ca-db/$1/index.txt" | wc -l | tr -d ' ')"
  r="$(awk -F'\t' '$1 == "R"' "ca-db/$1/index.txt" | wc -l | tr -d ' ')"
  printf '%s valid, %s revoked' "$v" "$r"
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

Bash, the openssl 3 CLI and a JDK's \`keytool\` (Debian 12 is fine; keytool writes
\`tls/truststore.p12\`, whose trusted-certificate entry openssl 3.0 cannot mark for Java). It
deletes and recreates everything listed below (except the script itself), with fresh keys and
random serial numbers, fresh CA databases and CRLs, then verifies every chain with \`openssl
verify\` (and with \`-crl_check\` against its CA's CRL; TLS certificates also for their purpose,
\`sslserver\` or \`sslclient\`), every CRL against its CA, opens every keystore with \`openssl
pkcs12\` and with Java. Regenerating changes every key and
fingerprint, so anything that pins them (tests, partner configuration, the fuzz seeds under
\`src/test/resources/vn/customs/swg/signature/SenderSignatureFuzzTestInputs\`, which vcb signed)
must be updated in the same change. \`certs/dev/generate.sh --tls-only\` remakes only the TLS
material (\`ca/tls-ca\`, \`tls/\`, their CA database and CRL) under the existing root, then verifies
everything and rewrites this file; that is how the TLS material was added.

## How the gateway uses it

The default (\`dev\`) profile, \`src/main/resources/application-dev.yml\`, signs with
\`gateway/keystore.p12\` and registers each dev partner with its own CA as its only trust anchor
(\`ca/gov-ca.pem\` for moit, \`ca/public-ca.pem\` for vcb and bidv, \`ca/asw-id-ca.pem\` for asw-id)
and its \`cert.pem\` as the registered signing certificate, with its CA's CRL file as its only
revocation source (see "Revocation in dev"). Anchoring each partner on its issuing CA, not on
the shared root, is what makes a ministry certificate useless on a bank's message.
Partners and tools that verify what the gateway signs use \`root-ca.pem\`, or \`ca/gateway-ca.pem\`
to pin the gateway.

## Layout and conventions

\`\`\`
root-ca.pem                 SWG Dev Root CA
├── ca/gov-ca.pem           issues partners/moit
├── ca/public-ca.pem        issues partners/vcb, partners/bidv, partners/vcb-revoked (revoked)
├── ca/asw-id-ca.pem        issues partners/asw-id
├── ca/gateway-ca.pem       issues gateway
└── ca/tls-ca.pem           issues tls/gateway (TLS server), tls/partners/<id> (TLS clients)

crl/<ca-name>.crl           CRL of ca/<ca-name>.pem, from its database ca-db/<ca-name>/
\`\`\`

- Root: RSA 4096, sha256, 25 years; \`basicConstraints critical CA:true\`, \`keyUsage critical
  keyCertSign, cRLSign\`.
- Intermediates: RSA 3072, sha256, 20 years, issued by the root; \`basicConstraints critical
  CA:true, pathlen:0\`, \`keyUsage critical keyCertSign, cRLSign\`.
- End entities (gateway, partners): sha256, 20 years less one day (so they end inside their
  CA's validity); \`basicConstraints critical CA:false\`, \`keyUsage critical digitalSignature,
  nonRepudiation\`, no extended key usage; subject and authority key identifiers; random
  128-bit serial numbers; no authority information access and no CRL distribution point (no
  URL at all: nothing here makes the gateway go to the network). Issued with \`openssl ca\`, so
  each issuing CA's database (\`ca-db/<ca-name>/index.txt\`) lists every certificate it issued.
- CRLs: PEM, one per issuing CA, signed by it with sha256, v2 with a CRL number and an
  authority key identifier; \`nextUpdate\` 10 years after \`thisUpdate\` (dev only).
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
for entry in "${REVOKED[@]}"; do
  IFS='|' read -r id ca _ _ reason desc <<<"$entry"
  d="partners/$id"
  key_row "$d/key.pem" "$id signing key ($desc)"
  cert_row "$d/cert.pem" "$id certificate, **revoked** ($reason) in crl/$ca.crl"
  chain_row "$d" "$id certificate + ca/$ca.pem" "ca/$ca.pem"
  p12_row "$d" "$id" "$id keystore"
done
key_row tls/gateway/key.pem "gateway TLS server key (HTTPS of /api/v1, not a signing key)"
cert_row tls/gateway/cert.pem "gateway TLS server certificate: serverAuth, SAN DNS:localhost, IP:127.0.0.1, IP:::1"
chain_row tls/gateway "gateway TLS certificate + ca/tls-ca.pem" ca/tls-ca.pem
p12_row tls/gateway gateway "gateway TLS keystore (server.ssl.key-store)"
for entry in "${TLS_CLIENTS[@]}"; do
  IFS='|' read -r id _ <<<"$entry"
  d="tls/partners/$id"
  key_row "$d/key.pem" "$id TLS client key (not its signing key)"
  cert_row "$d/cert.pem" "$id TLS client certificate: clientAuth; registered as gateway.partners.$id.tls-client-certificates"
  chain_row "$d" "$id TLS certificate + ca/tls-ca.pem" ca/tls-ca.pem
  p12_row "$d" "$id" "$id TLS client keystore (CLI: send --tls-keystore)"
done
row '`tls/truststore.p12`' "trusted certificate \`tls-ca\` (ca/tls-ca.pem), made by keytool: the gateway's server.ssl.trust-store (which CAs may issue client certificates) and the partners' trust store for the gateway's server certificate" "-" "-" "-" "-" "\`$PASSWORD\`"
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ <<<"$entry"
  crl_row "crl/$name.crl" "CRL of ca/$name.pem (PEM, sha256; $(crl_number "crl/$name.crl"); revoked: $(crl_revoked "crl/$name.crl"))"
done
row '`ca-db/.gitignore`' "ignores the \`*.old\` backups \`openssl ca\` leaves" "-" "-" "-" "-" "-"
for entry in "${CAS[@]}"; do
  IFS='|' read -r name _ <<<"$entry"
  row "\`ca-db/$name/\`" "\`openssl ca\` database of ca/$name.pem: \`openssl.cnf\` (run from certs/dev), \`index.txt\` ($(db_summary "$name")), \`index.txt.attr\`, \`serial\` (next serial, random), \`crlnumber\` (next CRL number), \`newcerts/<SERIAL>.pem\` (a copy of each issued certificate)" \
      "-" "-" "-" "-" "-"
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
for entry in "${REVOKED[@]}"; do IFS='|' read -r id _ <<<"$entry"; fp_row "partners/$id/cert.pem"; done
fp_row tls/gateway/cert.pem
for entry in "${TLS_CLIENTS[@]}"; do IFS='|' read -r id _ <<<"$entry"; fp_row "tls/partners/$id/cert.pem"; done
REVOKED_SERIAL="$(serial_of partners/vcb-revoked/cert.pem)"
cat <<EOF

## Revocation in dev

Every issuing CA (\`ca/gov-ca.pem\`, \`ca/public-ca.pem\`, \`ca/asw-id-ca.pem\`,
\`ca/gateway-ca.pem\`) has an \`openssl ca\` database under \`ca-db/<ca-name>/\` and publishes a
CRL, \`crl/<ca-name>.crl\`, made with \`openssl ca -gencrl\`. Certificates carry no CRL
distribution point and no AIA: the gateway is told where each partner's CRL is, and in dev
that is a file.

- **The dev CRLs are valid for 10 years** (\`nextUpdate\` = \`thisUpdate\` + $CRL_DAYS days) so a
  checkout keeps working without anyone re-signing them. Real CRLs are valid for days (a CA
  reissues them daily or weekly, \`nextUpdate\` a few days ahead); past \`nextUpdate\` a CRL no
  longer answers and the gateway's policy decides.
- \`application-dev.yml\` gives each dev partner its CA's CRL file as its only CRL source,
  offline: \`crl-urls: [file:certs/dev/crl/<ca-name>.crl]\` (a \`file:\` URL relative to the
  working directory, the repository root: \`gov-ca\` for moit, \`public-ca\` for vcb and bidv,
  \`asw-id-ca\` for asw-id), with \`revocation: HARD_FAIL\` like production: a certificate whose
  status cannot be established (CRL missing, unreadable, badly signed or stale) is refused with
  SWG-SEC-008, never accepted.
- \`partners/vcb-revoked/\` is a revoked certificate for trying SWG-SEC-007: Vietcombank's
  identity (\`OU=01203001\`), issued by \`ca/public-ca.pem\`, serial \`$REVOKED_SERIAL\`,
  revoked with reason keyCompromise and listed in \`crl/public-ca.crl\`. Sign a message From
  BANK \`01203001\` with \`partners/vcb-revoked/keystore.p12\` (alias \`vcb-revoked\`, password
  \`$PASSWORD\`). It is not registered for vcb in \`application-dev.yml\`, on purpose: the
  certificate's trust and revocation are checked before its registration, so the answer is
  SWG-SEC-007 (it would be SWG-SEC-009 if revocation were not checked).
- Check by hand (from \`certs/dev\`):

  \`\`\`
  openssl crl -in crl/public-ca.crl -noout -text
  cat root-ca.pem ca/public-ca.pem >/tmp/public-chain.pem
  openssl verify -crl_check -CRLfile crl/public-ca.crl -CAfile /tmp/public-chain.pem partners/vcb-revoked/cert.pem   # revoked
  openssl verify -crl_check -CRLfile crl/public-ca.crl -CAfile /tmp/public-chain.pem partners/vcb/cert.pem           # OK
  \`\`\`

To revoke another certificate, from \`certs/dev\`, with the database of the CA that issued it
(here bidv's, whose messages then get SWG-SEC-007 in dev until \`generate.sh\` runs again):

\`\`\`
openssl ca -config ca-db/public-ca/openssl.cnf -revoke partners/bidv/cert.pem -crl_reason keyCompromise
openssl ca -config ca-db/public-ca/openssl.cnf -gencrl -out crl/public-ca.crl
\`\`\`

(\`-crl_reason\`: unspecified, keyCompromise, CACompromise, affiliationChanged, superseded,
cessationOfOperation, certificateHold, removeFromCRL.) The first command marks the certificate
\`R\` in \`ca-db/public-ca/index.txt\`, the second signs a new CRL with the next CRL number. A
running gateway picks the new CRL up by itself from the file within one reload interval
(\`gateway.trust.reload-interval\`, 30 s by default): no restart. Commit \`ca-db/\` and \`crl/\`
together. Running \`generate.sh\` again starts over: new keys, empty databases, and only
\`vcb-revoked\` revoked.

## TLS in dev

TLS trust is kept apart from message-signature trust (ARCHITECTURE.md, "Keys"): \`ca/tls-ca.pem\`
issues only TLS certificates, no partner's signing anchor is \`tls-ca\`, and no TLS key signs a
message. The \`tls\` profile (\`src/main/resources/application-tls.yml\`, README "Running with
TLS") serves the partners' port over HTTPS with:

- \`tls/gateway/keystore.p12\` (alias \`gateway\`): the gateway's TLS server certificate, valid
  for \`localhost\`, \`127.0.0.1\` and \`::1\` (\`extendedKeyUsage serverAuth\`);
- \`tls/truststore.p12\` (trusted entry \`tls-ca\`): which CA may issue client certificates; a
  client certificate from any other CA fails the TLS handshake;
- \`tls/partners/<id>/cert.pem\` (\`extendedKeyUsage clientAuth\`), registered in
  \`application-dev.yml\` as \`gateway.partners.<id>.tls-client-certificates\`: the certificate that
  tells the gateway which partner is connecting. A message whose \`From\` is another partner is
  refused with SWG-SEC-010.

A partner connects with \`tls/partners/<id>/keystore.p12\` (password \`$PASSWORD\`) and trusts the
gateway with \`tls/truststore.p12\`. Check by hand (from \`certs/dev\`, with the gateway on 8443):

\`\`\`
openssl s_client -connect 127.0.0.1:8443 -CAfile ca/tls-ca.pem -cert tls/partners/vcb/cert.pem -key tls/partners/vcb/key.pem </dev/null
\`\`\`
EOF
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
- Revocation (SWG-SEC-007): `partners/vcb-revoked` and `crl/public-ca.crl` are ready-made
  (see "Revocation in dev"); for a test's own CRL, copy `certs/dev` to a temporary directory
  and use `openssl ca -revoke` and `-gencrl` there (the `ca-db/<ca-name>/openssl.cnf` paths are
  relative to it), or build the CRL in a test helper.
EOF
} >README.md

log "done: $(find . -type f | wc -l) files in $DEV_DIR"
