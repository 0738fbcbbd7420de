#!/usr/bin/env bash
# One closed-loop wrk run against a packaged service, for back-to-back comparisons of two builds on a shared machine:
#   bench/http-ab.sh JAR DURABILITY PORT [CONNECTIONS] [SECONDS]
# Starts JAR (a quarkus-run.jar) with the RBAC fixtures of bench/http.sh (run that once first), warms up for 8 s,
# runs wrk for SECONDS (10) with CONNECTIONS (32) in a closed loop (WRK_PAUSE_MS paces it as in http.sh), stops the
# service and prints the rate, p50, p99 and the service's CPU time per decision (user + system, from /proc). CPU
# per decision moves far less with the machine's load than the rate does. GATEHOUSE_JAVA_OPTS as in http.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$1 MODE=$2 PORT=$3 CONNECTIONS=${4:-32} SECONDS_=${5:-10}
WORK=$ROOT/bench/target/http
RUN=$WORK/ab-$PORT
rm -rf "$RUN" && mkdir -p "$RUN"
# shellcheck disable=SC2086
out=$(cd "$RUN" && python3 "$ROOT/bench/ready.py" "$PORT" "$RUN/app.log" -- java \
    ${GATEHOUSE_JAVA_OPTS:--Xms512m -Xmx512m} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
    -Dgatehouse.policy.dir="$WORK/policies" -Dgatehouse.audit.durability="$MODE" -jar "$JAR")
PID=$(echo "$out" | sed -n 2p)
trap 'kill "$PID" 2>/dev/null || true' EXIT
URL=http://127.0.0.1:$PORT/v1/decisions
WRK_PAUSE_MS=0 wrk -t1 -c16 -d8s -s "$ROOT/bench/decisions.lua" "$URL" -- "$WORK/bodies.txt" >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
before=$(cpu)
line=$(WRK_PAUSE_MS=${WRK_PAUSE_MS:-0} wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_}s" -s "$ROOT/bench/decisions.lua" "$URL" \
    -- "$WORK/bodies.txt" | tail -1)
after=$(cpu)
python3 - "$line" "$before" "$after" "$MODE" "$(getconf CLK_TCK)" <<'PY'
import json, sys
run, before, after, mode, ticks = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
cpu_us = (after - before) / ticks * 1e6 / max(run["requests"], 1)
load = open("/proc/loadavg").read().split()[0]
print("%-10s %7.0f/s  p50 %6.2f ms  p99 %7.2f ms  cpu %4.0f us/decision  non-2xx %d  load %s" % (
    mode, run["rps"], run["p50_us"] / 1000, run["p99_us"] / 1000, cpu_us, run["non2xx"], load))
PY
