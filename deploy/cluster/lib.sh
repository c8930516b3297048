#!/usr/bin/env bash
# Shared helpers of the one-machine cluster scripts (up.sh, down.sh, status.sh, drill.sh, restore-drill.sh).
# The state file records CLUSTER_DIR and every port chosen at start, so that the other scripts find the cluster.
# CLUSTER_STATE (default ${TMPDIR:-/tmp}/yiyang-cluster.state) selects a cluster: two runs on one machine use two.
set -euo pipefail
CLUSTER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CLUSTER_HOME/../.." && pwd)"
CLUSTER_STATE="${CLUSTER_STATE:-${TMPDIR:-/tmp}/yiyang-cluster.state}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
NODES=(pg1 pg2 pg3)
APPS=(app1 app2)

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

as_pg() {  # PostgreSQL, Patroni, PgBouncer and pgBackRest refuse to run as root: run them as the postgres OS user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {  # a free port not handed out yet in this run (the check alone could return the same port twice)
  local p
  while :; do
    p=$(bash "$REPO_ROOT/scripts/free-port.sh")
    case " ${TAKEN_PORTS:-} " in *" $p "*) continue ;; esac
    TAKEN_PORTS="${TAKEN_PORTS:-} $p"
    echo "$p"
    return 0
  done
}

load_state() {
  [ -f "$CLUSTER_STATE" ] || die "no cluster state at $CLUSTER_STATE (run deploy/cluster/up.sh)"
  # shellcheck disable=SC1090
  . "$CLUSTER_STATE"
}

save_var() { printf '%s=%q\n' "$1" "${!1}" >>"$CLUSTER_STATE"; }

render() {  # render a template with the exported variables it names (envsubst leaves other $ signs alone)
  local vars
  vars=$(grep -o '\${[A-Z0-9_]*}' "$1" | sort -u | tr -d '\n')
  envsubst "$vars" <"$1"
}

# start a background process with its own pid file and log under CLUSTER_DIR/run
spawn() {  # spawn NAME [as_pg] CMD...
  local name=$1; shift
  mkdir -p "$CLUSTER_DIR/run" "$CLUSTER_DIR/log"
  setsid nohup "$@" >>"$CLUSTER_DIR/log/$name.log" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/run/$name.pid"
}

pid_of() { cat "$CLUSTER_DIR/run/$1.pid" 2>/dev/null || true; }

stop_one() {  # stop one process this cluster started, by its recorded pid only (TERM, then KILL after a grace period)
  local name=$1 pid
  pid=$(pid_of "$name")
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$CLUSTER_DIR/run/$name.pid"
}

wait_http() {  # wait_http URL SECONDS [EXPECTED_CODE]
  local url=$1 secs=$2 want=${3:-200} code
  for _ in $(seq 1 $((secs * 2))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    [ "$code" = "$want" ] && return 0
    sleep 0.5
  done
  return 1
}

patronictl_() { patronictl -c "$CLUSTER_DIR/pg1/patroni.yml" "$@"; }

leader_name() {  # the node whose Patroni answers 200 on /primary, or nothing
  local n
  for n in "${NODES[@]}"; do
    local v="REST_${n^^}"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${!v}/primary" || true)" = 200 ]; then
      echo "$n"; return 0
    fi
  done
}

psql_rw() { psql "host=127.0.0.1 port=$HAPROXY_RW user=postgres dbname=yiyang connect_timeout=3" -X -qAt "$@"; }

start_app() {  # start_app NAME: one app node on the port recorded as <NAME>_PORT, environment from CLUSTER_DIR/app.env
  local name=$1 port_var="${1^^}_PORT"
  spawn "$name" bash -c ". '$CLUSTER_DIR/app.env'; export Node__Name=$name; cd '$(dirname "$APP_DLL")'; exec dotnet '$APP_DLL' --urls http://127.0.0.1:${!port_var}"
}

haproxy_up() {  # haproxy_up BACKEND: the servers HAProxy has UP in that backend (primary or replicas)
  curl -s --max-time 2 "http://127.0.0.1:$HAPROXY_STATS/stats;csv" \
    | awk -F, -v b="$1" '$1 == b && $2 !~ /^(FRONTEND|BACKEND)$/ && $18 == "UP" { print $2 }' | sort | tr '\n' ' ' | sed 's/ $//'
}

as_pg_spawn() {  # spawn NAME CMD... as the postgres user (setpriv execs: the recorded pid is the process itself)
  local name=$1; shift
  if [ "$(id -u)" = 0 ]; then
    spawn "$name" setpriv --reuid=postgres --regid=postgres --init-groups env HOME=/var/lib/postgresql "$@"
  else
    spawn "$name" "$@"
  fi
}
