#!/usr/bin/env bash
# Prints the cryptographic floor of one inbound message (JMH, throughput on one thread): the
# sender signature verified, the forwarded envelope and the receipt signed by the gateway, with
# their canonicalisation, on the dev keys. Ceiling = that rate x the cores (issue 7).
# Usage: bench/crypto-floor.sh            (about 40 s)
#        bench/crypto-floor.sh --quick    (about 25 s, what bench/run.sh uses)
#        bench/crypto-floor.sh --threads=2 (also measures two threads at once: are the cores real?)
#        SWG_BUILD_DIR=target-x bench/crypto-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/test-classpath.sh
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$TEST_CLASSPATH" \
  vn.customs.swg.bench.CryptoFloorBenchmark "$@"
