#!/usr/bin/env bash
# Replays the hostile-input corpus (src/test/resources/corpus) against a gateway started in the
# same JVM, round after round, over HTTP with keep-alive; prints per round and overall answer
# latency (p50, p99, max, the slowest case), mismatches against manifest.tsv, the live heap after
# GC before and after the rounds, and the RSS. Exit status 1 on any mismatch, any answer of one
# second or more, any outbound connection, or a live heap not back at its baseline (within 16 MB).
# Not part of ./mvnw verify (issue 6: a benchmark).
# Usage: bench/corpus-replay.sh                    (20 rounds after 5 warm-up, about 3 minutes)
#        bench/corpus-replay.sh --rounds=50 --warm-up=2 --heap-every=10   (live heap every 10 rounds)
#        bench/corpus-replay.sh --database=memory (H2 in memory: the store on the heap, not judged)
#        JAVA_OPTS="-Xmx256m" SWG_BUILD_DIR=target-x bench/corpus-replay.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/test-classpath.sh
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:--Xmx512m -XX:+UseG1GC} \
  -cp "$TEST_CLASSPATH" \
  vn.customs.swg.bench.CorpusReplayBenchmark "$@"
