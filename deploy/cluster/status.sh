#!/usr/bin/env bash
# Roles of the one-machine cluster: Patroni members, HAProxy backends, PgBouncer pools, app nodes' health.
. "$(dirname "$0")/lib.sh"
load_state
echo "== Patroni (patronictl list)"
patronictl_ list 2>&1 || true
echo "== HAProxy backends (rw = primary, ro = replicas)"
curl -s --max-time 2 "http://127.0.0.1:$HAPROXY_STATS/stats;csv" \
  | awk -F, '$1 ~ /^(primary|replicas)$/ && $2 !~ /^(FRONTEND|BACKEND)$/ { printf "  %-9s %-4s %s\n", $1, $2, $18 }' || true
echo "== PgBouncer pools"
psql "host=127.0.0.1 port=$PGBOUNCER_PORT user=postgres dbname=pgbouncer" -X -qA -F' ' -c 'show pools' 2>/dev/null \
  | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         $1 == "yiyang" { printf "  %s clients active=%s waiting=%s, servers active=%s idle=%s\n", $1, $c["cl_active"], $c["cl_waiting"], $c["sv_active"], $c["sv_idle"] }' \
  || echo "  (not answering)"
echo "== App nodes"
for v in $(compgen -v | grep -E '^APP[0-9]+_PORT$' | sort); do
  name=${v%_PORT}; name=${name,,}
  printf '  %-5s 127.0.0.1:%-6s /health %s\n' "$name" "${!v}" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:${!v}/health" || true)"
done
printf '  nginx 127.0.0.1:%-6s /health %s\n' "$NGINX_PORT" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$NGINX_PORT/health" || true)"
