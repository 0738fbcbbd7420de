#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: the methods on top of the stack (self time) and the methods
found anywhere on the stack (total time), as shares of all samples. Usage: jfr_top.py RECORDING.jfr [N]"""
import collections
import json
import subprocess
import sys

recording = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
printed = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                         capture_output=True, text=True, check=True).stdout
events = json.loads(printed)["recording"]["events"]
own = collections.Counter()
anywhere = collections.Counter()
for event in events:
    frames = event["values"]["stackTrace"]["frames"]
    names = ["%s.%s" % (f["method"]["type"]["name"].replace("/", "."), f["method"]["name"]) for f in frames]
    if names:
        own[names[0]] += 1
    for name in set(names):
        anywhere[name] += 1
total = max(len(events), 1)
print("%d execution samples" % len(events))
print("\nself (top of stack):")
for name, count in own.most_common(top):
    print("  %5.1f%%  %s" % (100.0 * count / total, name))
print("\ntotal (anywhere on the stack), io.gatehouse methods:")
for name, count in [item for item in anywhere.most_common() if item[0].startswith("io.gatehouse")][:top]:
    print("  %5.1f%%  %s" % (100.0 * count / total, name))
