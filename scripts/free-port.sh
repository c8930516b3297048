#!/usr/bin/env bash
# Prints a TCP port on 127.0.0.1 that nothing listens on now (random in 20000–59999), so that two test or benchmark
# runs on one machine do not collide. A server started on it may still lose a race; callers retry their start.
set -euo pipefail
for _ in $(seq 1 500); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; exit 0; fi
done
echo "free-port: no free port found" >&2
exit 1
