#!/usr/bin/env python3
"""Starts a command, reports the milliseconds from process start to the first 200 on a readiness URL.

Usage: ready.py PORT LOG [--stop] [--train BODIES] -- COMMAND...
  --stop          stop the process (SIGTERM, then wait) once ready, for start-to-ready measurements
  --train BODIES  before stopping, post each body to /v1/decisions (a training run for an AOT cache)
Without --stop the process keeps running and its pid is printed on the second line.
"""
import http.client
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
    """Posts every body; the answers are not checked, the run only has to take the decision path."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    with open(bodies) as lines:
        for body in lines:
            connection.request("POST", "/v1/decisions", body, {"Content-Type": "application/json"})
            connection.getresponse().read()


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
