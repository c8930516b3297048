#!/usr/bin/env bash
# Failover drill on the cluster of deploy/cluster/up.sh, under a bounded loopback load (deploy/cluster/loadgen.py):
#   1. load for a while (registrations, home visits with Idempotency-Key, lookups) through nginx;
#   2. kill -9 the primary's postmaster; measure until HAProxy's rw port takes a write again (RTO);
#   3. kill -9 one app node and start it again (nginx sends the traffic to the other one meanwhile);
#   4. wait until the old primary is back as a replica (Patroni, pg_rewind);
#   5. load for a while more, stop, and check every acknowledged write in the database (drill_report.py).
# Exit code 0 only with 0 acknowledged writes lost and 0 duplicates.
#   deploy/cluster/drill.sh [--quick] [--host-loss]
#     --quick: about 2-3 minutes in all (CI), otherwise about 5
#     --host-loss: kill -9 the primary's Patroni as well as its postmaster (the host is gone): the leader lock must
#                  expire (ttl) before the standby is promoted; the old node's Patroni is started again to rejoin
#     --switchover: a planned `patronictl switchover` to the synchronous standby instead of a kill
# Settings (env): DRILL_WORKERS (6), DRILL_BEFORE / DRILL_AFTER (seconds of load before the kill / after recovery).
. "$(dirname "$0")/lib.sh"
load_state
quick=0
host_loss=0
mode="postmaster kill -9"
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --host-loss) host_loss=1; mode="host loss: Patroni and postmaster kill -9" ;;
    --switchover) mode="planned switchover" ;;
    *) die "usage: drill.sh [--quick] [--host-loss | --switchover]" ;;
  esac
done
before=${DRILL_BEFORE:-$([ $quick = 1 ] && echo 30 || echo 90)}
after=${DRILL_AFTER:-$([ $quick = 1 ] && echo 30 || echo 90)}
workers=${DRILL_WORKERS:-6}
out=$CLUSTER_DIR/drill-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$out"
now() { date +%s.%N; }
events=()
event() { events+=("\"$1\": $2"); log "$(printf '%-16s' "$1") +$(awk -v a="$2" -v b="${t_kill:-$2}" 'BEGIN { printf "%.1f", a - b }') s"; }

old=$(leader_name)
[ -n "$old" ] || die "no primary: see deploy/cluster/status.sh"
patronictl_ list | grep -q 'Sync Standby' || die "no synchronous standby: see deploy/cluster/status.sh"
log "drill: primary $old ($mode), load with $workers workers, ${before}s before the kill, ${after}s after recovery (figures in $out)"
python3 "$CLUSTER_HOME/loadgen.py" --base "http://127.0.0.1:$NGINX_PORT" --seconds 900 --workers "$workers" \
  --out "$out" --stop-file "$out/stop" >"$out/loadgen.log" 2>&1 &
load_pid=$!
trap 'touch "$out/stop"; wait $load_pid 2>/dev/null || true' EXIT
sleep "$before"

# 2. the primary's postmaster dies (its Patroni lives on and, master_start_timeout 0, hands over at once)
postmaster=$(head -1 "$CLUSTER_DIR/$old/data/postmaster.pid")
t_kill=$(now)
if [ "$mode" = "planned switchover" ]; then
  sync=$(patronictl_ list -f json | jq -r '.[] | select(.Role == "Sync Standby") | .Member' | head -1)
  patronictl_ switchover --leader "$old" --candidate "$sync" --force >"$out/switchover.log" 2>&1 &
  # the old primary takes writes until Patroni demotes it: wait for that before timing the way back
  for _ in $(seq 1 600); do [ "$(leader_name)" != "$old" ] && break; sleep 0.1; done
else
  [ $host_loss = 1 ] && kill -9 "$(pid_of "patroni-$old")"
  kill -9 "$postmaster"
fi
event primary_killed "$t_kill"
for _ in $(seq 1 900); do
  psql "host=127.0.0.1 port=$HAPROXY_RW user=postgres dbname=yiyang connect_timeout=1" -X -qAt -c 'select txid_current()' \
    >/dev/null 2>&1 && break
  sleep 0.1
done
t_writable=$(now); event writable "$t_writable"
new=$(leader_name)
[ -n "$new" ] && [ "$new" != "$old" ] || log "warning: the primary is $new (was $old)"

# the old primary rejoins as a replica by itself (Patroni starts it as a standby of the new leader, pg_rewind if
# needed); watched in the background while an app node is killed
rest="REST_${old^^}"
[ $host_loss = 1 ] && as_pg_spawn "patroni-$old" patroni "$CLUSTER_DIR/$old/patroni.yml"
(wait_http "http://127.0.0.1:${!rest}/replica" 300 && now >"$out/rejoined") &
rejoin_pid=$!

# 3. one app node dies and comes back
victim=app2
kill -9 "$(pid_of $victim)"
t_app=$(now); event app_killed "$t_app"
sleep 2
start_app "$victim"
v="${victim^^}_PORT"
wait_http "http://127.0.0.1:${!v}/health" 120 || die "$victim did not come back"
event app_back "$(now)"

# 4. the old primary is a replica again
wait $rejoin_pid || true
if [ ! -s "$out/rejoined" ]; then
  log "$old did not rejoin by itself: patronictl reinit"
  patronictl_ reinit yiyang "$old" --force >&2
  wait_http "http://127.0.0.1:${!rest}/replica" 300 || die "$old did not rejoin"
  now >"$out/rejoined"
fi
event old_primary_rejoined "$(cat "$out/rejoined")"
for _ in $(seq 1 60); do patronictl_ list | grep -q 'Sync Standby' && break; sleep 1; done
t_rec=$(now); event recovered "$t_rec"

sleep "$after"
touch "$out/stop"
wait $load_pid || true
trap - EXIT
cat "$out/loadgen.log"
{
  echo "{"
  printf '  %s,\n' "${events[@]}"
  printf '  "old_primary": "%s", "new_primary": "%s", "mode": "%s"\n}\n' "$old" "$new" "$mode"
} >"$out/events.json"
patronictl_ list
python3 "$CLUSTER_HOME/drill_report.py" "$out" "host=127.0.0.1 port=$HAPROXY_RW user=postgres dbname=yiyang"
