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
trap 'bash deploy/cluster/down.sh >/dev/null 2>&1 || true' EXIT
started=$(date +%s)
bash deploy/cluster/up.sh
bash deploy/cluster/drill.sh --quick
echo "cluster test: passed in $(( $(date +%s) - started )) s"
