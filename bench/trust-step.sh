#!/usr/bin/env bash
# Prints the trust step's latency per message with a warm revocation cache (JMH, sample mode):
# PKIX path validation to the partner's CA plus the cached revocation answer. Target: p50 < 0.2 ms.
# Usage: bench/trust-step.sh            (about a minute on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main \
  TrustStepBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1 "$@"
