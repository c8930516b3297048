#!/usr/bin/env bash
# Starts or stops one app node of the cluster (up.sh starts app1 and app2). A new name gets a free port and scales out:
#   deploy/cluster/app-node.sh start app3   # then add "server 127.0.0.1:<port>" to the nginx upstream and reload
#   deploy/cluster/app-node.sh stop app2
. "$(dirname "$0")/lib.sh"
load_state
cmd=${1:?usage: app-node.sh start|stop NAME}
name=${2:?usage: app-node.sh start|stop NAME}
[[ $name =~ ^app[0-9]+$ ]] || die "node names are app1, app2, ..."
port_var="${name^^}_PORT"
case $cmd in
  start)
    if [ -z "${!port_var:-}" ]; then printf -v "$port_var" '%s' "$(free_port)"; save_var "$port_var"; fi
    start_app "$name"
    wait_http "http://127.0.0.1:${!port_var}/health" 90 || die "$name did not become healthy (see $CLUSTER_DIR/log/$name.log)"
    log "$name healthy on 127.0.0.1:${!port_var}" ;;
  stop) stop_one "$name"; log "$name stopped" ;;
  *) die "usage: app-node.sh start|stop NAME" ;;
esac
