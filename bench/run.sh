#!/usr/bin/env bash
# Builds Gatehouse and the benchmark module, checks that every engine decides every generated query alike, runs the
# JMH benchmarks (embedded engine side by side with Cedar, SAPL, jCasbin and CEL), the HTTP load and start-to-ready
# measurements, and writes bench/results/ plus the tables and plot of docs/benchmarks.md.
#
#   bench/run.sh            everything (about 15 minutes on two idle cores, much longer on a loaded machine)
#   QUICK=1 bench/run.sh    a smoke run: small sizes, one short iteration, no HTTP or start-to-ready
#   SKIP_HTTP=1 / SKIP_STARTUP=1 / SKIP_JMH=1 leave a part out
#
# Not part of the test run: the root build never sees this module or its dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=${RESULTS:-$ROOT/bench/results}
mkdir -p "$RESULTS"

echo "run.sh: building and installing Gatehouse (root artifact and target/quarkus-app)"
./mvnw -B -q install -DskipTests

echo "run.sh: building the benchmark module"
(cd bench && ../mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
CP="$ROOT/bench/target/classes:$(cat bench/target/classpath.txt)"

if [ "${QUICK:-0}" = "1" ]; then
    SIZES=10,100
    JMH_FLAGS=(-wi 1 -i 1 -w 1 -r 1)
    SCENARIO_N=10
    export SKIP_HTTP=1 SKIP_STARTUP=1
    AGREE_FLAGS=(-Dbench.sizes=10,100 -Dbench.scenarioSizes=5,10 -Dbench.hierarchies=1)
else
    SIZES=10,100,1000,10000
    JMH_FLAGS=()
    SCENARIO_N=10,50
    AGREE_FLAGS=()
fi

echo "run.sh: agreement check (every engine, every generated query; fails the run on any difference)"
java -cp "$CP" "${AGREE_FLAGS[@]}" io.gatehouse.bench.AgreementCheck 2>&1 | grep --line-buffered -v '^SLF4J' | tee "$RESULTS/agreement.txt"
test "${PIPESTATUS[0]}" -eq 0

if [ "${SKIP_JMH:-0}" != "1" ]; then
    rm -f "$RESULTS"/jmh-*.json
    jmh() {
        local out=$1
        shift
        java -cp "$CP" org.openjdk.jmh.Main "$@" "${JMH_FLAGS[@]}" -prof gc -foe false -rf json -rff "$RESULTS/$out" \
            2>&1 | grep --line-buffered -v '^SLF4J' | tee "$RESULTS/${out%.json}.txt" | grep -E '^(# Run progress|# Parameters|Benchmark|RuleSet|Scenario)' \
            | grep -vE ':(p0|gc)' || true
        test -s "$RESULTS/$out"
    }
    echo "run.sh: JMH, RBAC sets (Gatehouse with and without its decision tree, Cedar, jCasbin, CEL)"
    jmh jmh-rbac.json RuleSetBenchmark -p shape=rbac -p rules=$SIZES \
        -p engine=gatehouse,gatehouse-naive,cedar,jcasbin,cel
    echo "run.sh: JMH, ABAC, range and non-indexable sets (Gatehouse, Cedar, CEL)"
    jmh jmh-abac-ranges.json RuleSetBenchmark -p shape=abac,ranges,relative -p rules=$SIZES -p engine=gatehouse,cedar,cel
    # SAPL only where it finishes (see SaplEngine): up to 1,000 indexable rules and 100 range or arithmetic ones
    echo "run.sh: JMH, SAPL"
    jmh jmh-sapl.json RuleSetBenchmark -p shape=rbac,abac -p rules=$(echo $SIZES | sed 's/,10000//') -p engine=sapl
    jmh jmh-sapl-ranges.json RuleSetBenchmark -p shape=ranges,relative -p rules=10,100 -p engine=sapl
    echo "run.sh: JMH, Cedar scenarios (Gatehouse, Cedar)"
    jmh jmh-scenarios.json ScenarioBenchmark -p n=$SCENARIO_N -p engine=gatehouse,cedar
fi

if [ "${SKIP_HTTP:-0}" != "1" ]; then
    bench/http.sh
fi
if [ "${SKIP_STARTUP:-0}" != "1" ]; then
    bench/startup.sh
fi

java -cp "$CP" io.gatehouse.bench.report.Report "$RESULTS" docs/benchmarks.md docs/benchmarks-latency.svg
echo "run.sh: results in $RESULTS, tables in docs/benchmarks.md, plot in docs/benchmarks-latency.svg"
