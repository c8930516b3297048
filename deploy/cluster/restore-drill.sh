#!/usr/bin/env bash
# Point-in-time recovery drill on the cluster of deploy/cluster/up.sh (pgBackRest, WAL archived by every primary):
#   1. an incremental backup on top of up.sh's full backup;
#   2. elder A registered through the app, then the restore point T (the primary's clock), then elder B;
#   3. RPO: how long after B's commit its WAL segment reached the repository (bounded by archive_timeout);
#   4. pgbackrest restore --type=time --target=T into a new data directory, a standalone PostgreSQL on it (archiving
#      off: the copy must never write into the cluster's repository), promoted at T;
#   5. an app node on the copy: /health, and `verify-audit` against the audit checkpoints written up to T.
# Prints the recovery time, the newest committed change present (A yes, B no) and the RPO.
#   deploy/cluster/restore-drill.sh [--keep]    --keep: leave the restored server and app running (down.sh stops them)
. "$(dirname "$0")/lib.sh"
load_state
keep=0
for a in "$@"; do case $a in --keep) keep=1 ;; *) die "usage: restore-drill.sh [--keep]" ;; esac; done
rdir=$CLUSTER_DIR/restore
[ -e "$rdir" ] && { stop_one restore-app; [ -f "$rdir/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$rdir/data" -m fast -w stop >/dev/null || true; rm -rf "$rdir"; }
mkdir -p "$rdir/checkpoints" "$rdir/data" && chown postgres: "$rdir" "$rdir/data" && chmod 700 "$rdir" "$rdir/data"
now() { date +%s.%N; }
sql() { psql "host=127.0.0.1 port=$HAPROXY_RW user=postgres dbname=yiyang connect_timeout=3" -X -qAt -c "$1"; }
leader=$(leader_name); [ -n "$leader" ] || die "no primary"
lport=$(eval echo "\$PG_${leader^^}")
pgbr() { as_pg pgbackrest --config="$CLUSTER_DIR/pgbackrest/pgbackrest.conf" --stanza=yiyang "$@"; }
primary_opts=(--pg1-path="$CLUSTER_DIR/$leader/data" --pg1-socket-path="$CLUSTER_DIR/$leader" --pg1-port="$lport")

log "incremental backup from the primary $leader"
t0=$(now)
pgbr "${primary_opts[@]}" --type=incr backup
log "incremental backup took $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s"

# --- 2. A, the restore point, B (through the app, as an operator would see them) ---
base=http://127.0.0.1:$NGINX_PORT
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"userName":"city","password":"Yiyang@2026!"}' "$base/api/auth/token" | jq -r .accessToken)
register() {  # register NAME ID_SEQ -> elder id
  local id
  id=$(python3 -c "import sys; sys.path.insert(0, '$CLUSTER_HOME'); import loadgen, random; print(loadgen.id_number($2, random.randrange(5000000)))")
  curl -sf -X POST "$base/api/elders" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\",\"idNumber\":\"$id\",\"phone\":\"16$(printf '%09d' $((RANDOM * 32768 + RANDOM)))\",\"townshipCode\":\"610202002\",\"address\":\"王益区红旗街1号\",\"insuranceType\":\"01\",\"flags\":[],\"contacts\":[]}" \
    | jq -r .id
}
elder_a=$(register 恢复演练甲 1); [ -n "$elder_a" ] && [ "$elder_a" != null ] || die "could not register elder A"
sleep 1
target=$(sql "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1
elder_b=$(register 恢复演练乙 2); [ -n "$elder_b" ] && [ "$elder_b" != null ] || die "could not register elder B"
b_at=$(now)
b_wal=$(sql "select pg_walfile_name(pg_current_wal_lsn())")
log "elder A #$elder_a, restore point $target, elder B #$elder_b (WAL $b_wal)"

# --- 3. RPO: B's WAL segment in the repository (archive_timeout forces a switch at least that often) ---
for _ in $(seq 1 $((ARCHIVE_TIMEOUT * 4 + 40))); do
  last=$(sql "select coalesce(last_archived_wal, '') from pg_stat_archiver")
  [[ -n "$last" && ! "$last" < "$b_wal" ]] && break
  sleep 0.5
done
[[ -n "$last" && ! "$last" < "$b_wal" ]] || die "WAL $b_wal was not archived within $((ARCHIVE_TIMEOUT * 2 + 20)) s"
rpo=$(awk -v a="$b_at" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
log "B's WAL archived after $rpo s (archive_timeout ${ARCHIVE_TIMEOUT} s)"

# --- 4. restore into a new data directory and start it standalone ---
rport=$(free_port); save_var rport
t_restore=$(now)
pgbr --pg1-path="$rdir/data" --type=time --target="$target" --target-action=promote --target-timeline=latest restore
as_pg "$PG_BIN/pg_ctl" -D "$rdir/data" -l "$CLUSTER_DIR/log/restore-postgres.log" -w -t 600 \
  -o "-c listen_addresses=127.0.0.1 -p $rport -c unix_socket_directories=$rdir -c archive_mode=off -c primary_conninfo= -c primary_slot_name= -c synchronous_standby_names= -c hot_standby=on -c hba_file=$rdir/data/pg_hba.conf -c ident_file=$rdir/data/pg_ident.conf" \
  start >/dev/null || { tail -30 "$CLUSTER_DIR/log/restore-postgres.log" >&2; die "restored server did not start"; }
rsql() { psql "host=127.0.0.1 port=$rport user=postgres dbname=yiyang connect_timeout=3" -X -qAt -c "$1"; }
for _ in $(seq 1 1200); do [ "$(rsql 'select pg_is_in_recovery()' 2>/dev/null)" = f ] && break; sleep 0.5; done
[ "$(rsql 'select pg_is_in_recovery()')" = f ] || die "the restored server did not finish recovery"
recovery=$(awk -v a="$t_restore" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
has_a=$(rsql "select count(*) from elders_elder where id = $elder_a")
has_b=$(rsql "select count(*) from elders_elder where id = $elder_b")
newest=$(rsql "select max(created_at) from elders_elder")
newest_audit=$(rsql "select max(at) || ' (#' || max(id) || ')' from platform_audit_entry")

# --- 5. the app on the copy: health, and the audit chain against the checkpoints written up to T ---
python3 - "$CLUSTER_DIR/audit-checkpoints" "$rdir/checkpoints" "$target" <<'PY'
import datetime, glob, json, os, sys
src, dst, target = sys.argv[1], sys.argv[2], datetime.datetime.fromisoformat(sys.argv[3].replace(" ", "T") + ":00")
for f in glob.glob(src + "/*.jsonl"):
    keep = [l for l in open(f) if l.strip() and datetime.datetime.fromisoformat(json.loads(l)["at"]) <= target]
    open(os.path.join(dst, os.path.basename(f)), "w").writelines(keep)
PY
RESTORE_PORT=$(free_port); save_var RESTORE_PORT
restore_env() {
  # shellcheck disable=SC1091
  . "$CLUSTER_DIR/app.env"
  export ConnectionStrings__Yiyang="Host=127.0.0.1;Port=$rport;Username=postgres;Database=yiyang" \
    ConnectionStrings__YiyangReadOnly="Host=127.0.0.1;Port=$rport;Username=postgres;Database=yiyang" \
    Audit__CheckpointDirectory=$rdir/checkpoints Node__Name=restore
}
spawn restore-app bash -c "$(declare -f restore_env); rport=$rport rdir=$rdir CLUSTER_DIR=$CLUSTER_DIR; restore_env; cd '$(dirname "$APP_DLL")'; exec dotnet '$APP_DLL' --urls http://127.0.0.1:$RESTORE_PORT"
health=$(wait_http "http://127.0.0.1:$RESTORE_PORT/health" 120 && echo 200 || echo "not healthy")
set +e
audit=$(restore_env; cd "$(dirname "$APP_DLL")" && dotnet "$APP_DLL" verify-audit 2>/dev/null)
audit_rc=$?
set -e
if [ $keep = 0 ]; then
  stop_one restore-app
  as_pg "$PG_BIN/pg_ctl" -D "$rdir/data" -m fast -w stop >/dev/null
  rm -rf "$rdir"
fi
cat <<OUT
== point-in-time recovery drill
  restore point (UTC)            $target
  recovery time                  $recovery s (pgbackrest restore of full + incremental + WAL replay, until promoted)
  elder A (before the point)     $([ "$has_a" = 1 ] && echo present || echo MISSING)
  elder B (after the point)      $([ "$has_b" = 0 ] && echo absent || echo "PRESENT (wrong)")
  newest elder registration      $newest
  newest audit entry             $newest_audit
  RPO (B's commit to archive)    $rpo s (bound: archive_timeout $ARCHIVE_TIMEOUT s)
  app on the copy                /health $health
  verify-audit (exit $audit_rc)          $(echo "$audit" | tr '\n' ' ')
OUT
[ "$has_a" = 1 ] && [ "$has_b" = 0 ] && [ "$health" = 200 ] && [ "$audit_rc" = 0 ]
