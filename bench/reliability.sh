#!/usr/bin/env bash
# The reliability suite of issue 8 against the production topology (bench/topology.sh: PostgreSQL,
# the standalone Artemis, two gateway nodes on TLS behind HAProxy). Each row runs steady load through
# the load balancer from the CLI's `fault-load` (pre-signed messages of the dev partner mix, each
# partner on its own TLS client certificate, on the topology's throwaway PKI) while one fault happens, then resends what a partner would resend (5xx,
# broken connections) until acknowledged, waits for the dispatch sweepers, drains the back-end
# queues and checks them per messageId:
#   baseline        no fault
#   kill-node       kill -9 of node-1 under load, then node-1 restarted
#   broker-restart  the broker stopped and started again
#   db-outage       PostgreSQL down for ten seconds
#   twins           every message posted to node-1 and node-2 at the same time
#   partner-down    outbound: back-end replies pushed to vcb, whose endpoint (the CLI's serve)
#                   is stopped for 20 seconds; each must reach it exactly once (CLI fault-push)
# After each row both nodes must be ready again by themselves (readiness probe), within 4 minutes.
# Prints a table fault x (sent, accepted, on queue, duplicates, lost, ...) and exits non-zero
# unless every row has zero lost, zero duplicates, nothing on a queue that was never acknowledged,
# and recovered nodes.
#
# Usage: bench/reliability.sh            about 10 minutes on 2 cores (60 s of load per row)
#        bench/reliability.sh --short    about 6 minutes (15 s per row; what .ci/run runs)
# Needs what bench/topology.sh needs (JDK 17, openssl, haproxy, curl, xz); builds the jar if absent.
# SWG_BUILD_DIR picks the build directory; the topology lives in $SWG_BUILD_DIR/topology.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${SWG_BUILD_DIR:-target}"
export SWG_BUILD_DIR="$BUILD"
RATE=20 DURATION=60s PUSHES=100
if [ "${1:-}" = "--short" ]; then RATE=10 DURATION=15s PUSHES=30; fi

JAR="$(ls "$BUILD"/single-window-gateway-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$JAR" ]; then
  ./mvnw -q -B -Dswg.buildDir="$BUILD" -DskipTests package
  JAR="$(ls "$BUILD"/single-window-gateway-*.jar | head -1)"
fi

# A short grace so that a row's sweep happens within its settle time; still longer than a live send
# can take (topology.sh's callTimeout 5 s, three attempts), as gateway.dispatch.grace must be.
export GATEWAY_EXTRA_ARGS="--gateway.dispatch.grace=PT20S --gateway.dispatch.sweep-interval=PT2S ${GATEWAY_EXTRA_ARGS:-}"
SETTLE=26s
bench/topology.sh stop >/dev/null 2>&1 || true
trap 'bench/topology.sh stop' EXIT
bench/topology.sh start
# shellcheck disable=SC1091
. "$BUILD/topology/endpoints.env"

MGMT=(29971 29972)
recovered() {
  local deadline=$((SECONDS + 240)) n
  for n in 0 1; do
    until curl -fsS -o /dev/null "http://127.0.0.1:${MGMT[$n]}/actuator/health/readiness"; do
      [ $SECONDS -lt $deadline ] || { echo no; return; }
      sleep 2
    done
  done
  echo yes
}

ROWS=()
FAILED=0
row() {
  local name=$1; shift
  echo "== $name" >&2
  local line status
  set +e
  line="$(java -Xmx512m -jar "$JAR" fault-load --name "$name" --rate "$RATE" --duration "$DURATION" \
    --settle "$SETTLE" --broker "$SWG_BROKER_URL" --dev-pki "$SWG_PKI" --verify-with "$SWG_PKI/ca/gateway-ca.pem" \
    --tls-dir "$SWG_TLS_DIR" \
    "$@" | grep '^ROW')"
  status=$?
  set -e
  [ -n "$line" ] || line="ROW	$name	-	-	-	-	-	-	-	-	FAIL"
  local back; back="$(recovered)"
  [ "$status" -eq 0 ] && [ "$back" = yes ] || FAILED=1
  ROWS+=("$line	$back")
}

row baseline --url "$SWG_URL"
row kill-node --url "$SWG_URL" --fault "bench/topology.sh kill-node 1 && sleep 2 && bench/topology.sh start-node 1"
row broker-restart --url "$SWG_URL" --fault "bench/topology.sh stop-broker && sleep 2 && bench/topology.sh start-broker"
row db-outage --url "$SWG_URL" --fault "bench/topology.sh stop-db && sleep 10 && bench/topology.sh start-db"
row twins --url "$SWG_NODE1_URL" --twin-url "$SWG_NODE2_URL"

# vcb's push endpoint (application-topology.yml points vcb at 127.0.0.1:29990): the CLI's serve,
# signing its receipts with vcb's key of the throwaway PKI; started and stopped by the fault too.
RUN="$BUILD/topology"
VCB="$RUN/vcb-endpoint.sh"
{
  echo '#!/usr/bin/env bash'
  echo '# Written by bench/reliability.sh: start or stop the partner vcb push endpoint (the CLI serve).'
  echo 'case "$1" in'
  echo "  start) java -Xmx256m -jar '$JAR' serve --port 29990 --verify-with '$SWG_PKI/ca/gateway-ca.pem' \\"
  echo "           --out '$RUN/vcb-inbox' --keystore '$SWG_PKI/partners/vcb/keystore.p12' --password changeit \\"
  echo "           >> '$RUN/logs/vcb-serve.log' 2>&1 < /dev/null &"
  echo "         echo \$! > '$RUN/pids/vcb.pid'"
  echo '         for _ in $(seq 60); do curl -s -o /dev/null http://127.0.0.1:29990/ && exit 0; sleep 1; done; exit 1 ;;'
  echo "  stop) [ -f '$RUN/pids/vcb.pid' ] && kill \"\$(cat '$RUN/pids/vcb.pid')\" 2>/dev/null; rm -f '$RUN/pids/vcb.pid'; sleep 1 ;;"
  echo 'esac'
} > "$VCB"
chmod +x "$VCB"
mkdir -p "$RUN/vcb-inbox"
: > "$RUN/logs/vcb-serve.log"
trap '"$VCB" stop; bench/topology.sh stop' EXIT
"$VCB" start

echo "== partner-down" >&2
set +e
line="$(java -Xmx256m -jar "$JAR" fault-push --name partner-down --broker "$SWG_BROKER_URL" \
  --messages "$PUSHES" --rate 5 --received "$RUN/logs/vcb-serve.log" \
  --fault "$VCB stop && sleep 20 && $VCB start" | grep '^ROW')"
status=$?
set -e
[ -n "$line" ] || line="ROW	partner-down	-	-	-	-	-	-	-	-	FAIL"
back="$(recovered)"
[ "$status" -eq 0 ] && [ "$back" = yes ] || FAILED=1
ROWS+=("$line	$back")

echo
printf '%-15s %6s %9s %9s %11s %5s %11s %8s %8s %6s %10s\n' fault sent accepted "on queue" duplicates lost unexpected unacked resends result "recovered"
for line in "${ROWS[@]}"; do
  IFS=$'\t' read -r _ name sent accepted onq dups lost unexpected unacked resends result back <<< "$line"
  printf '%-15s %6s %9s %9s %11s %5s %11s %8s %8s %6s %10s\n' "$name" "$sent" "$accepted" "$onq" "$dups" "$lost" \
    "$unexpected" "$unacked" "$resends" "$result" "$back"
done
echo "(accepted: acknowledged ACCEPTED or DUPLICATE with a verified receipt, after resends; unexpected: on a"
echo " queue but never acknowledged; unacked: never acknowledged within the resend time; partner-down:"
echo " accepted = put on swg.outbound, on queue = held by the partner (answered ACCEPTED, or DUPLICATE for"
echo " bytes it had saved when it was stopped before answering), duplicates = saved by the partner more than"
echo " once, resends = pushes the partner answered again)"
exit $FAILED
