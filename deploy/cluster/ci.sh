#!/usr/bin/env bash
# The bounded cluster test of the suite (scripts/test.sh): up, one primary failover under light load with 0 acknowledged
# writes lost and 0 duplicates, down. Uses the app already built by the suite (CLUSTER_APP_DIR, default the Release build)
# and a small demo city. Exit code: the drill's (0 only with nothing lost).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CLUSTER_APP_DIR=${CLUSTER_APP_DIR:-$PWD/src/Yiyang/bin/Release/net10.0}
export CLUSTER_DEMO_ELDERS=${CLUSTER_DEMO_ELDERS:-20}
export CLUSTER_STATE; CLUSTER_STATE=$(mktemp -u -t yiyang-cluster.state.XXXXXX)
export DRILL_BEFORE=${DRILL_BEFORE:-20} DRILL_AFTER=${DRILL_AFTER:-20} DRILL_WORKERS=${DRILL_WORKERS:-4}
# before tearing down: what the app nodes logged as failures (exception kinds, counted), then the 500s nginx saw
report() {
  local dir; dir=$(sed -n 's/^CLUSTER_DIR=//p' "$CLUSTER_STATE" 2>/dev/null | tr -d "'\"")
  if [ -n "$dir" ] && [ -d "$dir/log" ]; then
    echo "== app nodes: exceptions logged (count, kind)"
    grep -hoE '(Npgsql|System|Microsoft)[A-Za-z.]*Exception[^:]*: [0-9A-Z]{5}: [^(]{0,80}|(Npgsql|System|Microsoft)[A-Za-z.]*Exception: [^.]{0,80}' \
      "$dir"/log/app*.log 2>/dev/null | sort | uniq -c | sort -rn | head -15 || true
    echo "== 500 answers seen by nginx"
    grep -h '" 500 ' "$dir/log/nginx-access.log" 2>/dev/null | head -5 || true
  fi
  bash deploy/cluster/down.sh >/dev/null 2>&1 || true
}
trap report EXIT
trap "exit 143" TERM INT  # a timeout or ^C still tears the cluster down (through the EXIT trap)
started=$(date +%s)
bash deploy/cluster/up.sh
bash deploy/cluster/drill.sh --quick
echo "cluster test: passed in $(( $(date +%s) - started )) s"
