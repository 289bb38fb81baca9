# Sourced by the bench scripts that run a main class of src/test/java/vn/customs/swg/bench: sets
# BUILD (SWG_BUILD_DIR, default target), compiles the test classes and writes their classpath there
# (skipped with SWG_BENCH_BUILT=1, to reuse the last build), and sets TEST_CLASSPATH.
BUILD="${SWG_BUILD_DIR:-target}"
if [ "${SWG_BENCH_BUILT:-}" != "1" ]; then
  ./mvnw -q -B -Dswg.buildDir="$BUILD" -DskipTests test-compile
  ./mvnw -q -B -Dswg.buildDir="$BUILD" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$BUILD/bench-classpath.txt"
fi
TEST_CLASSPATH="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench-classpath.txt")"
