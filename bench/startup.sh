#!/usr/bin/env bash
# Start to ready: milliseconds from process start to the first 200 on /q/health/ready, median of RUNS starts, with
# the repository's own policies/ (POLICY_DIR overrides); one more JDK 17 series uses the generated RBAC set of
# 1,000 rules, to show what compiling a large policy directory adds.
#
#   1. JDK 17 (the default build, Java 17 bytecode), fast-jar packaging
#   2. when /usr/lib/jvm/temurin-25-jdk-amd64 exists: JDK 25 on the same jar, then JDK 25 with Quarkus' AOT cache:
#      a copy of the tree is built on JDK 25 with -Dquarkus.package.jar.aot.enabled=true (aot-jar packaging, still
#      Java 17 bytecode); Quarkus trains the cache during @QuarkusIntegrationTest runs, which this project does not
#      have (its integration tests start the jar through AppProcess), so a training run does the same by hand:
#      start with -XX:AOTCacheOutput, wait for ready, post 1,024 decision queries for the packages policies/
#      serves (bench/training_bodies.py: Cedar ports, s2s operations, Kubernetes constraints; the run fails
#      unless every answer is a 200 decision, some allowed and some denied), stop; then every measured start
#      uses -XX:AOTCache.
#   STARTUP_CONTROLS=1 adds two control series: JDK 25 on the JDK 17 jar, and the aot-jar on JDK 25 without cache.
#   STARTUP_JIT=1 adds two series on the same cache with JIT options that trade something away, so neither is a
#   default (see docs/benchmarks.md): -XX:-AOTReplayTraining (diagnostic: the training run's profiles are not
#   replayed, fewer compilations at start, warm-up after start not measured) and -XX:TieredStopAtLevel=1 (C1 only:
#   no C2 for the life of the process, lower peak throughput).
#
# Writes bench/results/startup.json and startup.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=$ROOT/bench/target/startup
RUNS=${RUNS:-3}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$RESULTS" "$WORK"

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    ./mvnw -B -q package -DskipTests
fi
if [ ! -f bench/target/classpath.txt ]; then
    (cd bench && ../mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
fi
CP="$ROOT/bench/target/classes:$(cat bench/target/classpath.txt)"
java -cp "$CP" io.gatehouse.bench.HttpFixtures "$WORK" 2>&1 | grep -v '^SLF4J'

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

POLICIES=${POLICY_DIR:-$ROOT/policies}

# measure NAME JAVA APP_DIR [JVM options...]: RUNS starts, one JSON line with every time and the median
measure() {
    local name=$1 java=$2 app=$3
    shift 3
    local policies=$POLICIES
    if [ "$name" = "jdk17-1000-rules" ]; then
        policies=$WORK/policies
    fi
    local times=() port
    for _ in $(seq "$RUNS"); do
        port=$(free_port)
        # every start in a fresh working directory, so the audit log (state/audit) starts empty each time
        rm -rf "$WORK/run" && mkdir -p "$WORK/run"
        times+=("$(cd "$WORK/run" && python3 "$ROOT/bench/ready.py" "$port" "$WORK/$name.log" --stop -- "$java" "$@" \
            -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dgatehouse.policy.dir="$policies" \
            ${GATEHOUSE_OPTS:-} -jar "$app/quarkus-run.jar")")
    done
    python3 - "$name" "$("$java" -version 2>&1 | head -1)" "${times[@]}" <<'PY' | tee -a "$WORK/runs.json"
import json, statistics, sys
times = [float(t) for t in sys.argv[3:]]
print(json.dumps({"run": sys.argv[1], "java": sys.argv[2], "times_ms": times, "median_ms": statistics.median(times)}))
PY
}

rm -f "$WORK/runs.json"
echo "startup.sh: JDK 17, fast-jar, $RUNS starts"
measure jdk17 java "$ROOT/target/quarkus-app"
echo "startup.sh: JDK 17, fast-jar, 1,000-rule policy directory, $RUNS starts"
measure jdk17-1000-rules java "$ROOT/target/quarkus-app"

if [ -x "$JDK25/bin/java" ]; then
    if [ "${STARTUP_CONTROLS:-0}" = "1" ]; then
        echo "startup.sh: JDK 25 on the JDK 17 build, $RUNS starts"
        measure jdk25 "$JDK25/bin/java" "$ROOT/target/quarkus-app"
    fi

    echo "startup.sh: building a copy on JDK 25 with the AOT packaging"
    AOT_TREE=$WORK/aot-tree
    rm -rf "$AOT_TREE" && mkdir -p "$AOT_TREE"
    tar -C "$ROOT" --exclude=./target --exclude=./bench --exclude=./.git -cf - . | tar -C "$AOT_TREE" -xf -
    (cd "$AOT_TREE" && JAVA_HOME=$JDK25 ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.aot.enabled=true)
    AOT_APP=$AOT_TREE/target/quarkus-app

    echo "startup.sh: training run (ready, 1,024 decisions, stop) writing app.aot"
    rm -f "$AOT_APP/app.aot"
    # TRAINING names another file of request bodies, one a line, for a POLICY_DIR that serves other packages
    TRAINING=${TRAINING:-$WORK/training.txt}
    if [ "$TRAINING" = "$WORK/training.txt" ]; then
        python3 "$ROOT/bench/training_bodies.py" "$TRAINING" 1024
    fi
    port=$(free_port)
    rm -rf "$WORK/run" && mkdir -p "$WORK/run"
    (cd "$WORK/run" && python3 "$ROOT/bench/ready.py" "$port" "$WORK/training.log" --train "$TRAINING" -- \
        "$JDK25/bin/java" -XX:AOTCacheOutput="$AOT_APP/app.aot" -Dquarkus.http.host=127.0.0.1 \
        -Dquarkus.http.port="$port" -Dgatehouse.policy.dir="$POLICIES" ${GATEHOUSE_OPTS:-} \
        -jar "$AOT_APP/quarkus-run.jar" >/dev/null)
    test -s "$AOT_APP/app.aot" || { echo "startup.sh: the training run wrote no app.aot; see $WORK/training.log" >&2; exit 1; }

    if [ "${STARTUP_CONTROLS:-0}" = "1" ]; then
        echo "startup.sh: JDK 25, aot-jar without the cache, $RUNS starts"
        measure jdk25-aot-jar "$JDK25/bin/java" "$AOT_APP"
    fi
    echo "startup.sh: JDK 25, aot-jar with the AOT cache, $RUNS starts"
    measure jdk25-aot-cache "$JDK25/bin/java" "$AOT_APP" -XX:AOTCache="$AOT_APP/app.aot"
    if [ "${STARTUP_JIT:-0}" = "1" ]; then
        echo "startup.sh: JDK 25, aot-jar with the AOT cache, no training replay, $RUNS starts"
        measure jdk25-aot-cache-noreplay "$JDK25/bin/java" "$AOT_APP" -XX:AOTCache="$AOT_APP/app.aot" \
            -XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining
        echo "startup.sh: JDK 25, aot-jar with the AOT cache, C1 only, $RUNS starts"
        measure jdk25-aot-cache-c1 "$JDK25/bin/java" "$AOT_APP" -XX:AOTCache="$AOT_APP/app.aot" -XX:TieredStopAtLevel=1
    fi
else
    echo "startup.sh: $JDK25 not found; only JDK 17 measured"
fi

python3 - "$WORK/runs.json" "$RESULTS/startup.json" "$RESULTS/startup.md" "$RUNS" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
json.dump(runs, open(sys.argv[2], "w"), indent=2)
labels = {"jdk17": "JDK 17, fast-jar", "jdk17-1000-rules": "JDK 17, fast-jar, 1,000-rule policy directory",
          "jdk25": "JDK 25, same fast-jar",
          "jdk25-aot-jar": "JDK 25, aot-jar, no cache", "jdk25-aot-cache": "JDK 25, aot-jar + AOT cache",
          "jdk25-aot-cache-noreplay": "JDK 25, aot-jar + AOT cache, -XX:-AOTReplayTraining (diagnostic)",
          "jdk25-aot-cache-c1": "JDK 25, aot-jar + AOT cache, -XX:TieredStopAtLevel=1 (no C2)"}
rows = ["### Start to ready (first 200 on `/q/health/ready`, the repository's policies/, median of %s starts)" % sys.argv[4],
        "", "| run | java | median | every start |", "|---|---|---:|---|"]
for r in runs:
    rows.append("| %s | %s | %.0f ms | %s |" % (labels.get(r["run"], r["run"]), r["java"], r["median_ms"],
                                              ", ".join("%.0f" % t for t in r["times_ms"])))
open(sys.argv[3], "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
PY
