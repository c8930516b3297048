#!/usr/bin/env bash
# A highly available Yiyang on one machine, loopback only, for development, drills and CI:
#   etcd (3 members) -> Patroni + PostgreSQL 15 x3 (primary, synchronous standby, asynchronous replica `nosync`)
#   -> HAProxy (read-write port: GET /primary, read-only port: GET /replica) -> PgBouncer (session pooling, on rw)
#   -> two Yiyang app nodes -> nginx; pgBackRest archives WAL of whichever node is primary and takes a full backup.
# Every port is a free one chosen now; all state lives under CLUSTER_DIR (default: a new temporary directory), recorded
# in CLUSTER_STATE (default ${TMPDIR:-/tmp}/yiyang-cluster.state). Run as root (installs missing packages with apt;
# PostgreSQL, Patroni, PgBouncer and pgBackRest run as the postgres OS user). Stop with deploy/cluster/down.sh.
# Settings (env): CLUSTER_DIR, CLUSTER_STATE, CLUSTER_DEMO_ELDERS (demo elders seeded, 200), CLUSTER_APP_DIR (an app
# already published with `dotnet publish src/Yiyang -c Release -o DIR`: skips the publish), ARCHIVE_TIMEOUT (60 s).
# docs/operations.md describes the layout, the timings and what changes per host in production.
. "$(dirname "$0")/lib.sh"

install_if_missing() {
  local need=() p
  for p in patroni etcd-server etcd-client haproxy pgbouncer nginx pgbackrest postgresql-15 python3-etcd python3-psycopg2; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  command -v dotnet >/dev/null || die "the .NET 10 SDK is needed (dotnet): https://dot.net"
  [ ${#need[@]} = 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "missing packages (${need[*]}) and not root"
  log "installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # no recommends: the packages' own services (etcd, haproxy, pgbouncer on their fixed ports) are not wanted;
  # policy-rc.d keeps dpkg from starting them where an init system would
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d.yiyang && chmod +x /usr/sbin/policy-rc.d.yiyang
  [ -e /usr/sbin/policy-rc.d ] || cp /usr/sbin/policy-rc.d.yiyang /usr/sbin/policy-rc.d
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  cmp -s /usr/sbin/policy-rc.d /usr/sbin/policy-rc.d.yiyang && rm -f /usr/sbin/policy-rc.d
  rm -f /usr/sbin/policy-rc.d.yiyang
}

choose_ports() {
  : >"$CLUSTER_STATE"
  save_var CLUSTER_DIR
  local v
  for v in ETCD1_CLIENT ETCD1_PEER ETCD2_CLIENT ETCD2_PEER ETCD3_CLIENT ETCD3_PEER PG_PG1 PG_PG2 PG_PG3 \
    REST_PG1 REST_PG2 REST_PG3 HAPROXY_RW HAPROXY_RO HAPROXY_STATS PGBOUNCER_PORT APP1_PORT APP2_PORT NGINX_PORT; do
    printf -v "$v" '%s' "$(free_port)"
    export "${v?}"
    save_var "$v"
  done
  ETCD_HOSTS="127.0.0.1:$ETCD1_CLIENT,127.0.0.1:$ETCD2_CLIENT,127.0.0.1:$ETCD3_CLIENT"
  save_var ETCD_HOSTS
}

start_etcd() {
  local cluster="e1=http://127.0.0.1:$ETCD1_PEER,e2=http://127.0.0.1:$ETCD2_PEER,e3=http://127.0.0.1:$ETCD3_PEER" i c p
  for i in 1 2 3; do
    c="ETCD${i}_CLIENT"; p="ETCD${i}_PEER"
    mkdir -p "$CLUSTER_DIR/etcd$i" && chown postgres: "$CLUSTER_DIR/etcd$i" && chmod 700 "$CLUSTER_DIR/etcd$i"
    as_pg_spawn "etcd$i" etcd --name "e$i" --data-dir "$CLUSTER_DIR/etcd$i" \
      --listen-client-urls "http://127.0.0.1:${!c}" --advertise-client-urls "http://127.0.0.1:${!c}" \
      --listen-peer-urls "http://127.0.0.1:${!p}" --initial-advertise-peer-urls "http://127.0.0.1:${!p}" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "yiyang-$(basename "$CLUSTER_DIR")" \
      --listen-metrics-urls "" --log-level warn
  done
  for _ in $(seq 1 60); do
    ETCDCTL_API=3 etcdctl --endpoints "$ETCD_HOSTS" endpoint health >/dev/null 2>&1 && { log "etcd: 3 members healthy"; return 0; }
    sleep 0.5
  done
  die "etcd did not become healthy (logs in $CLUSTER_DIR/log)"
}

start_patroni() {
  mkdir -p "$CLUSTER_DIR/pgbackrest/repo" "$CLUSTER_DIR/pgbackrest/lock" "$CLUSTER_DIR/pgbackrest/spool"
  render "$CLUSTER_HOME/templates/pgbackrest.conf.in" >"$CLUSTER_DIR/pgbackrest/pgbackrest.conf"
  chown -R postgres: "$CLUSTER_DIR/pgbackrest" "$CLUSTER_DIR/log"
  local n u
  for n in "${NODES[@]}"; do
    u=${n^^}
    export NODE=$n NODE_DIR=$CLUSTER_DIR/$n PG_PORT REST_PORT NOSYNC=false PG_BIN ARCHIVE_TIMEOUT ETCD_HOSTS
    PG_PORT=$(eval echo "\$PG_$u"); REST_PORT=$(eval echo "\$REST_$u")
    [ "$n" = pg3 ] && NOSYNC=true
    mkdir -p "$NODE_DIR" && chmod 700 "$NODE_DIR"
    render "$CLUSTER_HOME/templates/patroni.yml.in" >"$NODE_DIR/patroni.yml"
    chown -R postgres: "$NODE_DIR"
    as_pg_spawn "patroni-$n" patroni "$NODE_DIR/patroni.yml"
    # the first node bootstraps alone, so that it is the first primary (pg1)
    if [ "$n" = pg1 ]; then
      wait_http "http://127.0.0.1:$REST_PORT/primary" 90 || die "pg1 did not bootstrap (see $CLUSTER_DIR/log/patroni-pg1.log)"
    fi
  done
  for n in pg2 pg3; do
    u=${n^^}
    wait_http "http://127.0.0.1:$(eval echo "\$REST_$u")/replica" 120 || die "$n did not start as a replica"
  done
  for _ in $(seq 1 60); do
    patronictl_ list 2>/dev/null | grep -q 'Sync Standby' && break
    sleep 1
  done
  log "patroni: pg1 primary, pg2 synchronous standby, pg3 asynchronous replica"
}

start_proxies() {
  mkdir -p "$CLUSTER_DIR/haproxy" "$CLUSTER_DIR/pgbouncer" "$CLUSTER_DIR/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
  render "$CLUSTER_HOME/templates/haproxy.cfg.in" >"$CLUSTER_DIR/haproxy/haproxy.cfg"
  haproxy -c -q -f "$CLUSTER_DIR/haproxy/haproxy.cfg" || die "haproxy config invalid"
  spawn haproxy haproxy -db -f "$CLUSTER_DIR/haproxy/haproxy.cfg"
  # HAProxy starts with every server UP until its first checks fail: wait for the checks to settle
  local leader; leader=$(leader_name)
  for _ in $(seq 1 40); do [ "$(haproxy_up primary)" = "$leader" ] && break; sleep 0.5; done
  [ "$(haproxy_up primary)" = "$leader" ] || die "haproxy: rw backend does not settle on $leader"
  render "$CLUSTER_HOME/templates/pgbouncer.ini.in" >"$CLUSTER_DIR/pgbouncer/pgbouncer.ini"
  echo '"postgres" ""' >"$CLUSTER_DIR/pgbouncer/userlist.txt"
  chown -R postgres: "$CLUSTER_DIR/pgbouncer" "$CLUSTER_DIR/log"
  as_pg_spawn pgbouncer pgbouncer "$CLUSTER_DIR/pgbouncer/pgbouncer.ini"
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PGBOUNCER_PORT" && break; sleep 0.5; done
  log "haproxy: rw $HAPROXY_RW, ro $HAPROXY_RO; pgbouncer $PGBOUNCER_PORT"
}

create_database_and_backup() {
  psql "host=127.0.0.1 port=$HAPROXY_RW user=postgres dbname=postgres connect_timeout=3" -X -qc "CREATE DATABASE yiyang" >/dev/null
  local leader; leader=$(leader_name)
  local port; port=$(eval echo "\$PG_${leader^^}")
  pgbr() { as_pg pgbackrest --config="$CLUSTER_DIR/pgbackrest/pgbackrest.conf" --stanza=yiyang \
    --pg1-path="$CLUSTER_DIR/$leader/data" --pg1-socket-path="$CLUSTER_DIR/$leader" --pg1-port="$port" "$@"; }
  pgbr stanza-create >&2
  pgbr check >&2
  pgbr --type=full backup >&2
  log "pgbackrest: stanza yiyang, WAL archiving on (archive_timeout ${ARCHIVE_TIMEOUT}s), full backup taken"
}

start_apps() {
  local app=${CLUSTER_APP_DIR:-$CLUSTER_DIR/app}
  if [ -z "${CLUSTER_APP_DIR:-}" ]; then
    log "publishing the app (dotnet publish -c Release)"
    dotnet publish "$REPO_ROOT/src/Yiyang" -c Release -o "$app" -v q -nologo >"$CLUSTER_DIR/log/publish.log" 2>&1 \
      || { cat "$CLUSTER_DIR/log/publish.log" >&2; die "publish failed"; }
  fi
  APP_DLL=$app/Yiyang.dll; save_var APP_DLL
  mkdir -p "$CLUSTER_DIR/audit-checkpoints" && chmod 700 "$CLUSTER_DIR/audit-checkpoints"
  # one environment for every node: the keys must be the same on all of them (README "配置 / Configuration")
  (umask 077; cat >"$CLUSTER_DIR/app.env" <<ENV
export ASPNETCORE_ENVIRONMENT=Production DOTNET_GCgen0size=0x1000000 DOTNET_CLI_TELEMETRY_OPTOUT=1
export Database__Provider=Postgres Database__MigrateOnStartup=false Demo__Seed=false
export ConnectionStrings__Yiyang='Host=127.0.0.1;Port=$PGBOUNCER_PORT;Username=postgres;Database=yiyang;Timeout=5;Keepalive=10'
export ConnectionStrings__YiyangReadOnly='Host=127.0.0.1;Port=$HAPROXY_RO;Username=postgres;Database=yiyang;Timeout=5;Keepalive=10'
export Security__PiiEncryptionKey=$(head -c 32 /dev/urandom | base64) Security__PiiHashKey=$(head -c 32 /dev/urandom | base64)
export Security__AuditMacKey=$(head -c 32 /dev/urandom | base64)
export Audit__CheckpointDirectory=$CLUSTER_DIR/audit-checkpoints
export Proxy__KnownProxies__0=127.0.0.1
export Metrics__Token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# demo accounts sign in with their password alone (development cluster only; production enrols TOTP)
export Accounts__RequireTotp=false
ENV
  )
  # shellcheck disable=SC1091
  (. "$CLUSTER_DIR/app.env"; cd "$app" && Demo__Elders=${CLUSTER_DEMO_ELDERS:-200} dotnet "$APP_DLL" seed-demo >"$CLUSTER_DIR/log/seed.log" 2>&1) \
    || { tail -30 "$CLUSTER_DIR/log/seed.log" >&2; die "migrate/seed failed"; }
  log "database migrated and seeded with the demo (${CLUSTER_DEMO_ELDERS:-200} elders)"
  local a
  for a in "${APPS[@]}"; do start_app "$a"; done
  for a in "${APPS[@]}"; do
    local p="${a^^}_PORT"
    wait_http "http://127.0.0.1:${!p}/health" 90 || die "$a did not become healthy (see $CLUSTER_DIR/log/$a.log)"
  done
  log "app nodes healthy: app1 $APP1_PORT, app2 $APP2_PORT"
}

start_nginx() {
  render "$CLUSTER_HOME/templates/nginx.conf.in" >"$CLUSTER_DIR/nginx/nginx.conf"
  chmod -R 777 "$CLUSTER_DIR/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
  nginx -e "$CLUSTER_DIR/log/nginx-error.log" -t -q -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx/nginx.conf" || die "nginx config invalid"
  spawn nginx nginx -e "$CLUSTER_DIR/log/nginx-error.log" -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx/nginx.conf" -g 'daemon off;'
  wait_http "http://127.0.0.1:$NGINX_PORT/health" 30 || die "nginx does not reach the app"
}

main() {
  install_if_missing
  [ -f "$CLUSTER_STATE" ] && die "a cluster is recorded in $CLUSTER_STATE: run deploy/cluster/down.sh first (or set CLUSTER_STATE)"
  CLUSTER_DIR=${CLUSTER_DIR:-$(mktemp -d -t yiyang-cluster.XXXXXX)}
  mkdir -p "$CLUSTER_DIR/log" "$CLUSTER_DIR/run"
  chmod 755 "$CLUSTER_DIR"
  export CLUSTER_DIR PG_BIN ARCHIVE_TIMEOUT=${ARCHIVE_TIMEOUT:-60}
  choose_ports
  save_var ARCHIVE_TIMEOUT
  chown postgres: "$CLUSTER_DIR/log"
  local t0=$SECONDS
  start_etcd
  start_patroni
  start_proxies
  create_database_and_backup
  start_apps
  start_nginx
  log "up in $((SECONDS - t0)) s"
  bash "$CLUSTER_HOME/status.sh"
  cat <<OUT
Endpoints (127.0.0.1 only; state in $CLUSTER_STATE, everything under $CLUSTER_DIR):
  app via nginx        http://127.0.0.1:$NGINX_PORT
  app nodes            app1 http://127.0.0.1:$APP1_PORT   app2 http://127.0.0.1:$APP2_PORT
  PostgreSQL rw        HAProxy 127.0.0.1:$HAPROXY_RW   via PgBouncer 127.0.0.1:$PGBOUNCER_PORT (database yiyang)
  PostgreSQL ro        HAProxy 127.0.0.1:$HAPROXY_RO
  HAProxy stats        http://127.0.0.1:$HAPROXY_STATS/stats   (Prometheus: /metrics)
  Patroni REST         pg1 $REST_PG1  pg2 $REST_PG2  pg3 $REST_PG3   (patronictl -c $CLUSTER_DIR/pg1/patroni.yml list)
  etcd                 $ETCD_HOSTS
OUT
}

main "$@"
