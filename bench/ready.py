#!/usr/bin/env python3
"""Starts a command, reports the milliseconds from process start to the first 200 on a readiness URL.

Usage: ready.py PORT LOG [--stop] [--train BODIES] -- COMMAND...
  --stop          stop the process (SIGTERM, then wait) once ready, for start-to-ready measurements
  --train BODIES  before stopping, post each body to /v1/decisions (a training run for an AOT cache)
Without --stop the process keeps running and its pid is printed on the second line.
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import time


def ready(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/q/health/ready")
        return connection.getresponse().status == 200
    except OSError:
        return False


def train(port, bodies):
    """Posts every body to /v1/decisions; fails unless every answer is a 200 decision and some allow and some deny,
    so a training run that only took the error path (an unknown package, a refused body) is caught."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    outcomes = {True: 0, False: 0}
    with open(bodies) as lines:
        for body in lines:
            connection.request("POST", "/v1/decisions", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            answer = response.read()
            if response.status != 200:
                sys.exit("training: %d for %s: %s" % (response.status, body.strip(), answer[:300]))
            outcomes[json.loads(answer)["allow"]] += 1
    if not outcomes[True] or not outcomes[False]:
        sys.exit("training: every decision was the same (%d allowed, %d denied)" % (outcomes[True], outcomes[False]))
    print("training: %d allowed, %d denied" % (outcomes[True], outcomes[False]), file=sys.stderr)


def main():
    args = sys.argv[1:]
    split = args.index("--")
    options, command = args[:split], args[split + 1:]
    port, log = int(options[0]), options[1]
    stop = "--stop" in options
    bodies = options[options.index("--train") + 1] if "--train" in options else None
    with open(log, "w") as out:
        start = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        while not ready(port):
            if process.poll() is not None:
                sys.exit("the process exited with %d before it was ready; see %s" % (process.returncode, log))
            if time.monotonic() - start > 120:
                process.kill()
                sys.exit("not ready after 120 s; see " + log)
            time.sleep(0.002)
        elapsed = (time.monotonic() - start) * 1000
    print("%.0f" % elapsed)
    if bodies:
        train(port, bodies)
    if stop or bodies:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    else:
        print(process.pid)
        sys.stdout.flush()
        os._exit(0)


if __name__ == "__main__":
    main()
