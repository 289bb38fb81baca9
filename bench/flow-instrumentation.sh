#!/usr/bin/env bash
# Prints what the metrics and log context add to one inbound exchange (JMH, average time): the
# inbound route's 15 steps as no-op beans, bare and instrumented. The difference is the overhead.
# Usage: bench/flow-instrumentation.sh            (about 2 minutes on 2 cores)
#        bench/flow-instrumentation.sh -prof gc   (adds bytes allocated per exchange)
#        bench/flow-instrumentation.sh --cpu      (CPU time per exchange instead, for a busy machine)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [ "${1:-}" = "--cpu" ]; then
  exec java -cp "$CP" vn.customs.swg.bench.FlowInstrumentationBenchmark
fi
java -cp "$CP" org.openjdk.jmh.Main FlowInstrumentationBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1 "$@"
