#!/usr/bin/env bash
# What one decision costs the service's hot threads, for back-to-back comparisons of two builds on a shared machine:
#   bench/http-hot.sh JAR DURABILITY PORT [CONNECTIONS] [PAUSE_MS]
# Starts JAR with the RBAC fixtures of bench/http.sh (run that once first) and a GC log, warms up for 15 s, runs wrk
# for 10 s (32 connections in a closed loop by default; PAUSE_MS paces each connection as in http.sh), and prints
# the rate and latencies, the CPU time per decision of the event loops, the audit writer and the GC threads (from
# /proc, user + system), the bytes allocated per decision (eden consumed between the young collections of the run)
# and those collections' pauses. Unlike bench/http-ab.sh it leaves out the JIT compiler threads, which still run
# after a short warm-up on a loaded machine, so it moves less with the machine's load.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$1 MODE=$2 PORT=$3 CONNECTIONS=${4:-32} PAUSE=${5:-0}
WORK=$ROOT/bench/target/http
RUN=$WORK/hot-$PORT
rm -rf "$RUN" && mkdir -p "$RUN"
# shellcheck disable=SC2086
out=$(cd "$RUN" && python3 "$ROOT/bench/ready.py" "$PORT" "$RUN/app.log" -- java \
    ${GATEHOUSE_JAVA_OPTS:--Xms512m -Xmx512m} -Xlog:gc:file="$RUN/gc.log" -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$PORT" -Dgatehouse.policy.dir="$WORK/policies" -Dgatehouse.audit.durability="$MODE" \
    -jar "$JAR")
PID=$(echo "$out" | sed -n 2p)
trap 'kill "$PID" 2>/dev/null || true' EXIT
URL=http://127.0.0.1:$PORT/v1/decisions
WRK_PAUSE_MS=0 wrk -t1 -c16 -d15s -s "$ROOT/bench/decisions.lua" "$URL" -- "$WORK/bodies.txt" >/dev/null
# hot threads: event loops, audit writer, GC workers; ticks of user + system time
hot() {
    for task in /proc/"$PID"/task/*; do
        case "$(cat "$task/comm")" in
            vert.x-eventloo*|gatehouse-audit*|GC\ Thread*|G1\ *) awk '{print $14 + $15}' "$task/stat" ;;
        esac
    done | awk '{sum += $1} END {print sum}'
}
collections() { grep -c 'Pause Young' "$RUN/gc.log" || true; }
before=$(hot) gc_before=$(collections)
line=$(WRK_PAUSE_MS=$PAUSE wrk -t1 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/decisions.lua" "$URL" \
    -- "$WORK/bodies.txt" | tail -1)
after=$(hot) gc_after=$(collections)
python3 - "$line" "$before" "$after" "$((gc_after - gc_before))" "$RUN/gc.log" "$MODE" "$(getconf CLK_TCK)" <<'PY'
import json, re, sys
run, before, after, count, log, mode, ticks = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4]), sys.argv[5], sys.argv[6], int(sys.argv[7])
n = max(run["requests"], 1)
pauses = re.findall(r"Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([0-9.]+)ms", open(log).read())
window = pauses[-(count + 1):] if count else []
# eden consumed between consecutive collections of the run, scaled to all of them
eaten = [int(window[i][0]) - int(window[i - 1][1]) for i in range(1, len(window))]
allocated = sum(eaten) / len(eaten) * count * 1048576 if eaten else 0
times = sorted(float(p[2]) for p in window[1:])
print("%-10s %7.0f/s  p50 %5.2f  p99 %6.2f  p99.9 %6.2f ms  hot threads %5.1f us/decision  alloc %5.1f kB/decision"
      "  young GCs %d (median %.1f, max %.1f ms)" % (
          mode, run["rps"], run["p50_us"] / 1000, run["p99_us"] / 1000, run["p999_us"] / 1000,
          (after - before) / ticks * 1e6 / n, allocated / n / 1000, count,
          times[len(times) // 2] if times else 0, times[-1] if times else 0))
PY
