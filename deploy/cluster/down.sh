#!/usr/bin/env bash
# Stops everything deploy/cluster/up.sh (and restore-drill.sh) started, by the recorded pids only, and removes
# CLUSTER_DIR and the state file.
. "$(dirname "$0")/lib.sh"
[ -f "$CLUSTER_STATE" ] || { log "no cluster recorded in $CLUSTER_STATE"; exit 0; }
load_state
for f in "$CLUSTER_DIR"/run/*.pid; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .pid)
  case $name in nginx|app*|haproxy|pgbouncer|restore-*) stop_one "$name" ;; esac
done
for n in "${NODES[@]}"; do stop_one "patroni-$n" & done
wait
# a PostgreSQL left behind by a Patroni killed hard, or the restore drill's standalone server
for d in "$CLUSTER_DIR"/pg*/data "$CLUSTER_DIR"/restore*/data; do
  [ -f "$d/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
done
for i in 1 2 3; do stop_one "etcd$i"; done
rm -rf "$CLUSTER_DIR" "$CLUSTER_STATE"
log "stopped; removed $CLUSTER_DIR"
