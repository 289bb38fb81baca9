#!/usr/bin/env bash
# Prints what the audit checkpoint's tail walk (ChainVerifier.verifyTail) costs per event as a
# node's chain grows, on an H2 file database (median of 5 walks per size; wall time, and the CPU
# time of the walking thread: the walk is paced, about twice as long as its CPU). A linear walk keeps
# the "CPU us/event" column flat; a column that grows with the chain is the quadratic walk this guards
# against (issue 7: it was the largest p99 spike of bench/run.sh).
# Usage: bench/audit-checkpoint.sh                 (5,000 / 10,000 / 20,000 messages; about a minute)
#        bench/audit-checkpoint.sh 10000,40000     (messages at each step; three events each)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/test-classpath.sh
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$TEST_CLASSPATH" \
  vn.customs.swg.bench.AuditCheckpointBenchmark "$@"
