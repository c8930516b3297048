#!/usr/bin/env python3
"""Heaviest frames of a dotnet-trace sampled-thread-time profile converted to speedscope JSON.

Counts only time where the stack ends in CPU_TIME (threads running managed or native code, not waiting), as shares
of all such time: inclusive (the frame is on the stack) and self (the frame right above CPU_TIME).
    python3 bench/speedscope-top.py /tmp/complete.speedscope.json [top-n] [filter]
"""
import json
import sys
from collections import defaultdict

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
needle = sys.argv[3] if len(sys.argv) > 3 else None
doc = json.load(open(path))
frames = [f["name"] for f in doc["shared"]["frames"]]
incl = defaultdict(float)
self_ = defaultdict(float)
total = 0.0
for prof in doc["profiles"]:
    if prof.get("type") != "evented":
        continue
    stack = []
    last = None
    for ev in prof["events"]:
        at = ev["at"]
        if last is not None and stack and frames[stack[-1]] == "CPU_TIME":
            dt = at - last
            total += dt
            for f in set(stack):
                incl[f] += dt
            if len(stack) > 1:
                self_[stack[-2]] += dt
        last = at
        if ev["type"] == "O":
            stack.append(ev["frame"])
        else:
            # close the frame (normally the top of the stack)
            if stack and stack[-1] == ev["frame"]:
                stack.pop()
            elif ev["frame"] in stack:
                del stack[len(stack) - 1 - stack[::-1].index(ev["frame"])]


def show(title, table):
    print(title)
    rows = sorted(table.items(), key=lambda kv: -kv[1])
    if needle:
        rows = [r for r in rows if needle in frames[r[0]]]
    for f, t in rows[:top]:
        print(f"  {100 * t / total:5.1f} %  {frames[f][:160]}")


print(f"CPU time in the profile: {total / 1000:.2f} s (all threads)")
show("inclusive:", incl)
show("self:", self_)
