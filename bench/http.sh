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

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT/v1/decisions
# shellcheck disable=SC2086
OUT=$(python3 bench/ready.py "$PORT" "$WORK/app.log" -- java ${GATEHOUSE_JAVA_OPTS:--Xms512m -Xmx512m} \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dgatehouse.policy.dir="$WORK/policies" \
    ${GATEHOUSE_OPTS:-} -jar target/quarkus-app/quarkus-run.jar)
APP_PID=$(echo "$OUT" | sed -n 2p)
trap 'kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true' EXIT
echo "http.sh: service ready in $(echo "$OUT" | head -1) ms on port $PORT (pid $APP_PID)"

ANSWER=$(curl -s -w ' %{http_code}' -H 'Content-Type: application/json' --data-binary "$(head -1 "$WORK/bodies.txt")" "$URL")
case "$ANSWER" in
    *'"allow"'*' 200') ;;
    *) echo "http.sh: the first decision failed: $ANSWER" >&2; exit 1 ;;
esac

# run NAME CONNECTIONS PAUSE_MS: one wrk run, its JSON line appended to the results
run() {
    local line
    line=$(WRK_PAUSE_MS=$3 wrk -t1 -c"$2" -d"${DURATION}s" --timeout 5s -s bench/decisions.lua "$URL" \
        -- "$WORK/bodies.txt" | tail -1)
    echo "{\"run\": \"$1\", \"connections\": $2, \"pause_ms\": $3, ${line#\{}" | tee -a "$WORK/runs.json"
}

rm -f "$WORK/runs.json"
echo "http.sh: warm-up (10 s, not recorded)"
WRK_PAUSE_MS=0 wrk -t1 -c16 -d10s -s bench/decisions.lua "$URL" -- "$WORK/bodies.txt" >/dev/null
echo "http.sh: maximum throughput (closed loop, 32 connections, ${DURATION} s)"
run max 32 0
MAX=$(tail -1 "$WORK/runs.json" | python3 -c 'import json, sys; print(int(json.load(sys.stdin)["rps"]))')
CONNECTIONS=20
for FRACTION in 25 50 75; do
    RATE=$((MAX * FRACTION / 100))
    RATE=$((RATE > 0 ? RATE : 1))
    # a 3 s probe measures the time a request takes at this load; the pause is then set so that each connection's
    # cycle (pause plus that time) gives the target rate
    PAUSE=$(( (CONNECTIONS * 1000 + RATE / 2) / RATE ))
    PAUSE=$(( PAUSE < 1 ? 1 : PAUSE ))
    PROBE=$(WRK_PAUSE_MS=$PAUSE wrk -t1 -c$CONNECTIONS -d3s -s bench/decisions.lua "$URL" -- "$WORK/bodies.txt" \
        | tail -1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["rps"])')
    PAUSE=$(python3 -c "c, r, p, a = $CONNECTIONS, $RATE, $PAUSE, $PROBE
cycle = c * 1000 / max(a, 1)
print(max(1, round(c * 1000 / r - (cycle - p))))")
    echo "http.sh: ${FRACTION}% of the maximum, about $RATE/s ($CONNECTIONS connections, ${PAUSE} ms pause)"
    run "${FRACTION}%" $CONNECTIONS "$PAUSE"
done

python3 - "$WORK/runs.json" "$RESULTS/http.json" "$RESULTS/http.md" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
json.dump(runs, open(sys.argv[2], "w"), indent=2)
ms = lambda us: "%.2f ms" % (us / 1000)
rows = ["### HTTP: `POST /v1/decisions` on loopback (RBAC, 1,000 rules), wrk", "",
        "| run | connections | pause | achieved rate | p50 | p90 | p99 | p99.9 | max | non-2xx | socket errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for r in runs:
    rows.append("| %s | %d | %d ms | %s/s | %s | %s | %s | %s | %s | %d | %d |" % (
        r["run"], r["connections"], r["pause_ms"], format(int(r["rps"]), ","), ms(r["p50_us"]), ms(r["p90_us"]),
        ms(r["p99_us"]), ms(r["p999_us"]), ms(r["max_us"]), r["non2xx"], r["socket_errors"]))
open(sys.argv[3], "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
PY
