#!/usr/bin/env bash
# Profiles the inbound path (issue 7, parts 4 and 5): starts the gateway in the same JVM on
# embedded defaults with persistence on (H2 on disk, persistent Artemis journal, both in a
# temporary folder; dev profile without the demo simulator), posts valid signed messages of the
# dev partners moit, vcb and asw-id over keep-alive HTTP at a fixed concurrency with a JFR
# recording running, and prints messages/s, latency p50/p90/p99/max, failures, back-end queue
# counts (must equal ACCEPTED) and the recording's hot spots (CPU and allocation) of the gateway's
# threads. The .jfr file stays for JDK Mission Control or `jfr print`. Exit status 1 on any failed
# answer or lost message. On a shared machine the numbers are for direction only; the profile's
# shares stay meaningful.
# Usage: bench/profile.sh                 (6000 messages, the first 1000 as warm-up, concurrency 12,
#                                          at most 45 s measured; about 2 minutes with the signing)
#        bench/profile.sh --concurrency=16 --messages=8000 --warm-up=1500 --seconds=60
#        bench/profile.sh --size-cap      (memory at the size cap: 6 rounds of 32 concurrent signed
#                                          envelopes just under the 2 MB cap, at -Xmx512m with 8 MB
#                                          G1 regions as in the Dockerfile; about 10 minutes; prints the
#                                          highest live heap after a collection, and PASS only if
#                                          every answer is ACCEPTED and on its back-end queue)
#        bench/profile.sh --jfr=/tmp/x.jfr    (where the recording goes; default $BUILD/profile-*.jfr)
#        JAVA_OPTS="-Xmx1g" SWG_BUILD_DIR=target-x bench/profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/test-classpath.sh
MODE=load
for arg in "$@"; do [ "$arg" = "--size-cap" ] && MODE=size-cap; done
JFR=("--jfr=$BUILD/profile-$MODE.jfr")
for arg in "$@"; do [[ "$arg" == --jfr=* ]] && JFR=(); done
# The gateway's default heap is the JVM's; the size-cap check is about -Xmx512m.
DEFAULT_OPTS="-Xmx1g -XX:+UseG1GC"
# The size-cap check runs the gateway with the Dockerfile's JVM settings, at -Xmx512m.
[ "$MODE" = "size-cap" ] && DEFAULT_OPTS="-Xmx512m -XX:+UseG1GC -XX:G1HeapRegionSize=8m -XX:-ClassUnloadingWithConcurrentMark"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-$DEFAULT_OPTS} \
  -cp "$TEST_CLASSPATH" \
  vn.customs.swg.bench.InboundProfileBenchmark "${JFR[@]}" "$@"
