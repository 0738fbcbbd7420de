#!/usr/bin/env bash
# HTTP load on POST /v1/decisions over loopback, against the packaged service serving the generated RBAC set of
# 1,000 rules: first the maximum throughput (closed loop), then latency percentiles at fixed fractions of it.
#
# wrk has no rate option (wrk2, which has, is not packaged in Debian), so the fixed-rate runs pace each connection
# with a pause before every request (bench/decisions.lua, WRK_PAUSE_MS): the offered rate is about
# connections * 1000 / (pause + latency), and the achieved rate is reported beside each row. Latency is measured
# from send to answer; with a closed loop a stalled answer delays the requests behind it instead of being counted
# against them (coordinated omission), so the tails are a lower bound. wrk and the service share the two cores.
#
# The whole series runs twice: with the default audit durability (every decision waits for its record's fsync) and
# with gatehouse.audit.durability=privileged (only privileged operations wait; these queries are not privileged).
#
# The service records a JFR profile of each series; bench/jfr_top.py summarises it into http-profile-<mode>.txt.
#
# Writes bench/results/http.json and http.md. Needs wrk (apt-get install wrk; installed here when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RESULTS=${RESULTS:-$ROOT/bench/results}
WORK=$ROOT/bench/target/http
DURATION=${DURATION:-15}
mkdir -p "$RESULTS" "$WORK"

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        echo "http.sh: installing wrk (Debian package) for the load runs"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "http.sh: wrk is missing: apt-get install wrk" >&2
        exit 2
    fi
fi
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    ./mvnw -B -q package -DskipTests
fi
if [ ! -f bench/target/classpath.txt ]; then
    (cd bench && ../mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
fi
CP="$ROOT/bench/target/classes:$(cat bench/target/classpath.txt)"
java -cp "$CP" io.gatehouse.bench.HttpFixtures "$WORK" 2>&1 | grep -v '^SLF4J'

# run MODE NAME CONNECTIONS PAUSE_MS: one wrk run, its JSON line appended to the results
run() {
    local line
    line=$(WRK_PAUSE_MS=$4 wrk -t1 -c"$3" -d"${DURATION}s" --timeout 5s -s bench/decisions.lua "$URL" \
        -- "$WORK/bodies.txt" | tail -1)
    echo "{\"durability\": \"$1\", \"run\": \"$2\", \"connections\": $3, \"pause_ms\": $4, ${line#\{}" \
        | tee -a "$WORK/runs.json"
}

# series MODE: start the service with gatehouse.audit.durability=MODE, then warm-up, maximum and fixed fractions
series() {
    local mode=$1 out max rate pause probe
    PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    URL=http://127.0.0.1:$PORT/v1/decisions
    # the service runs in a scratch directory, where its audit log (state/audit) goes
    rm -rf "$WORK/run" && mkdir -p "$WORK/run"
    # shellcheck disable=SC2086
    out=$(cd "$WORK/run" && python3 "$ROOT/bench/ready.py" "$PORT" "$WORK/app-$mode.log" -- java \
        ${GATEHOUSE_JAVA_OPTS:--Xms512m -Xmx512m} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
        -Dgatehouse.policy.dir="$WORK/policies" -Dgatehouse.audit.durability="$mode" ${GATEHOUSE_OPTS:-} \
        -XX:StartFlightRecording=filename="$WORK/http-$mode.jfr",settings=profile \
        -jar "$ROOT/target/quarkus-app/quarkus-run.jar")
    APP_PID=$(echo "$out" | sed -n 2p)
    echo "http.sh: audit durability '$mode': service ready in $(echo "$out" | head -1) ms on port $PORT"

    local answer
    answer=$(curl -s -w ' %{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$(head -1 "$WORK/bodies.txt")" "$URL")
    case "$answer" in
        *'"allow"'*' 200') ;;
        *) echo "http.sh: the first decision failed: $answer" >&2; exit 1 ;;
    esac

    echo "http.sh: warm-up (10 s, not recorded)"
    WRK_PAUSE_MS=0 wrk -t1 -c16 -d10s -s bench/decisions.lua "$URL" -- "$WORK/bodies.txt" >/dev/null
    echo "http.sh: maximum throughput (closed loop, 32 connections, ${DURATION} s)"
    run "$mode" max 32 0
    max=$(tail -1 "$WORK/runs.json" | python3 -c 'import json, sys; print(int(json.load(sys.stdin)["rps"]))')
    for fraction in 25 50 75; do
        rate=$((max * fraction / 100))
        rate=$((rate > 0 ? rate : 1))
        # a 3 s probe measures the time a request takes at this load; the pause is then set so that each
        # connection's cycle (pause plus that time) gives the target rate
        pause=$(( (CONNECTIONS * 1000 + rate / 2) / rate ))
        pause=$(( pause < 1 ? 1 : pause ))
        probe=$(WRK_PAUSE_MS=$pause wrk -t1 -c$CONNECTIONS -d3s -s bench/decisions.lua "$URL" -- "$WORK/bodies.txt" \
            | tail -1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["rps"])')
        pause=$(python3 -c "c, r, p, a = $CONNECTIONS, $rate, $pause, $probe
cycle = c * 1000 / max(a, 1)
print(max(1, round(c * 1000 / r - (cycle - p))))")
        echo "http.sh: ${fraction}% of the maximum, about $rate/s ($CONNECTIONS connections, ${pause} ms pause)"
        run "$mode" "${fraction}%" $CONNECTIONS "$pause"
    done
    kill "$APP_PID" 2>/dev/null || true
    while kill -0 "$APP_PID" 2>/dev/null; do
        sleep 0.2
    done
    APP_PID=
    # where the service spent its time over the whole series (JFR execution samples, written on exit)
    python3 bench/jfr_top.py "$WORK/http-$mode.jfr" 20 > "$RESULTS/http-profile-$mode.txt" 2>&1 || true
}

APP_PID=
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
CONNECTIONS=20
rm -f "$WORK/runs.json"
# all: every decision waits for its audit record's fsync (the default); privileged: only privileged operations
# wait, which separates the cost of durable audit from the cost of the HTTP path and the engine
for MODE in ${DURABILITY_MODES:-all privileged}; do
    series "$MODE"
done

python3 - "$WORK/runs.json" "$RESULTS/http.json" "$RESULTS/http.md" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
json.dump(runs, open(sys.argv[2], "w"), indent=2)
ms = lambda us: "%.2f ms" % (us / 1000)
rows = ["### HTTP: `POST /v1/decisions` on loopback (RBAC, 1,000 rules), wrk", "",
        "| audit durability | run | connections | pause | achieved rate | p50 | p90 | p99 | p99.9 | max | non-2xx "
        "| socket errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for r in runs:
    rows.append("| %s | %s | %d | %d ms | %s/s | %s | %s | %s | %s | %s | %d | %d |" % (
        r["durability"], r["run"], r["connections"], r["pause_ms"], format(int(r["rps"]), ","), ms(r["p50_us"]), ms(r["p90_us"]),
        ms(r["p99_us"]), ms(r["p999_us"]), ms(r["max_us"]), r["non2xx"], r["socket_errors"]))
open(sys.argv[3], "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
PY
