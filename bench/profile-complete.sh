#!/usr/bin/env bash
# What one visit completion costs: app CPU, PostgreSQL CPU and statements per completion, on a 20,000-elder city of
# 铜川市 with its own durable PostgreSQL (port 55441, pg_stat_statements loaded). Use it before and after a change to the
# write path; bench/run.sh stays the source of the published figures.
#   bash bench/profile-complete.sh                 measure (wrk, 16 connections, 10 s)
#   PROFILE_TRACE=1 bash bench/profile-complete.sh  also a 12-second dotnet-trace (sampled thread time) of the app, kept
#                                                  as /tmp/complete.nettrace + speedscope JSON, with the heaviest frames
# Keeps the city between runs (PROFILE_KEEP=0 to stop the server at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PGTEST_PORT=55441 PGTEST_DB=yiyang_prof PGTEST_STATE=${TMPDIR:-/tmp}/pgprof.state PGTEST_CONN_VAR=PROF_PG_CONN PGTEST_DURABLE=1
export PGTEST_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
dur=${PROFILE_SECONDS:-10}
port=55491
work=$(mktemp -d)
keys=${TMPDIR:-/tmp}/pgprof.keys
db=yiyang_prof_city
psql_admin="host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=postgres"
psql_city="host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$db"
cs="Host=${PROFILE_PG_HOST:-127.0.0.1};Port=$PGTEST_PORT;Username=postgres;Database=$db;Maximum Pool Size=100"
if ! { [ -f "$PGTEST_STATE" ] && pg_isready -q -h 127.0.0.1 -p "$PGTEST_PORT"; }; then
  pg_env=$(bash scripts/pg-test-server.sh start); eval "$pg_env"
  rm -f "$keys"
fi
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; [ "${PROFILE_KEEP:-1}" = 1 ] || bash scripts/pg-test-server.sh stop' EXIT

dotnet build bench/Yiyang.Bench -c Release -v q -nologo >/dev/null
bench=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.Bench.dll
app=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.dll
export Database__Provider=Postgres ConnectionStrings__Yiyang="$cs" Demo__Seed=false
# the benchmark's admin signs in with a password: the second factor (on in Production) is measured by no workload
export Accounts__RequireTotp=false
[ -f "$keys" ] || (umask 077; printf 'export Security__PiiEncryptionKey=%s Security__PiiHashKey=%s\n' "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" > "$keys")
. "$keys"
# every run starts from the same freshly seeded city (a template database): completions use up package quotas, so a
# reused city would change the work of each completion from one run to the next
template=yiyang_prof_template
if [ "$(psql "$psql_admin" -tAc "select count(*) from pg_database where datname = '$template'")" = 0 ]; then
  psql "$psql_admin" -qc "CREATE DATABASE $template" > /dev/null
  ConnectionStrings__Yiyang="${cs/Database=$db/Database=$template}" dotnet "$app" seed-city --region 6102 --elders 20000 --seed 42 > /dev/null 2> "$work/city.err" \
    || { cat "$work/city.err" >&2; psql "$psql_admin" -qc "DROP DATABASE $template"; exit 1; }
  ConnectionStrings__Yiyang="${cs/Database=$db/Database=$template}" dotnet "$app" create-admin --user benchadmin --password Bench2026pass > /dev/null
fi
psql "$psql_admin" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db TEMPLATE $template" > /dev/null
dotnet "$app" migrate > /dev/null
psql "$psql_city" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "VACUUM (ANALYZE)" > /dev/null

(cd "$(dirname "$app")" && ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning exec dotnet Yiyang.dll) > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 1; done
token=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/token" -H 'content-type: application/json' \
  -d '{"userName":"benchadmin","password":"Bench2026pass"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "no token" >&2; cat "$work/app.log" >&2; exit 1; }
year=$(date +%Y)
for _ in $(seq 300); do
  [ "$(psql "$psql_city" -tAc "select count(*) from healthmgmt_indicator_refresh where year in ($year, $year - 1)")" = 2 ] && break; sleep 1
done
# warm-up (not counted): the JIT keeps recompiling hot methods (tiered compilation, PGO) for tens of seconds under
# load — measured without it, a third of the app's CPU went to the JIT
warm=${PROFILE_WARM_SECONDS:-30}
dotnet "$bench" prepare-visits --conn "$cs" --count 7000 --out "$work/warm.txt"
dotnet "$bench" prepare-visits --conn "$cs" --count 5000 --out "$work/measured.txt"
wrk -t2 -c16 -d${warm}s -s bench/complete.lua "http://127.0.0.1:$port" -- "$work/warm.txt" "$token" 2 > /dev/null 2>&1 || true
sleep 1
done_sql="select count(*) from homecare_visit where created_by_user = 'bench' and status = 3"
pg_ticks() { for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null || true; done | awk '$2 ~ /^\(postgres/ { t += $14 + $15 } END { print t + 0 }'; }
app_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }
psql "$psql_city" -qc "select pg_stat_statements_reset()" > /dev/null
before=$(psql "$psql_city" -tAc "$done_sql"); a0=$(app_ticks); p0=$(pg_ticks)
if [ "${PROFILE_TRACE:-0}" = 1 ]; then
  ( sleep 2; ~/.dotnet/tools/dotnet-trace collect -p "$app_pid" --profile dotnet-sampled-thread-time --duration 00:00:00:12 \
      -o /tmp/complete.nettrace > "$work/trace.log" 2>&1 ) &
  trace_pid=$!
fi
if [ "${PROFILE_COUNTERS:-0}" = 1 ]; then
  ~/.dotnet/tools/dotnet-counters collect -p "$app_pid" --counters System.Runtime --refresh-interval 1 --format csv \
    -o /tmp/complete-counters.csv --duration 00:00:00:$(printf '%02d' "$dur") > /dev/null 2>&1 &
  counters_pid=$!
fi
wrk -t2 -c16 -d${dur}s -s bench/complete.lua "http://127.0.0.1:$port" -- "$work/measured.txt" "$token" 2 > "$work/wrk.out" 2>&1
a1=$(app_ticks); p1=$(pg_ticks); after=$(psql "$psql_city" -tAc "$done_sql")
n=$((after - before)); hz=$(getconf CLK_TCK)
echo "completions: $n in ${dur}s = $((n / dur))/s; $(grep '^wrk ' "$work/wrk.out")"
awk -v a=$((a1 - a0)) -v p=$((p1 - p0)) -v n="$n" -v hz="$hz" 'BEGIN { printf "cpu per completion: app %.2f ms, postgres %.2f ms\n", a * 1000 / hz / n, p * 1000 / hz / n }'
echo "statements per completion (pg_stat_statements, calls / completions; the top 25):"
psql "$psql_city" -tA -F ' | ' -c "select round(calls::numeric / $n, 2), round(total_exec_time::numeric / $n, 3) as ms, left(regexp_replace(query, '\s+', ' ', 'g'), 150)
  from pg_stat_statements where dbid = (select oid from pg_database where datname = '$db') order by calls desc limit 25"
psql "$psql_city" -tAc "select 'total statements per completion: ' || round(sum(calls)::numeric / $n, 1) from pg_stat_statements where dbid = (select oid from pg_database where datname = '$db')"
echo "app peak working set $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$app_pid/status)"
if [ "${PROFILE_COUNTERS:-0}" = 1 ]; then
  wait "$counters_pid" || true
  python3 - "$n" <<'PY'
import csv, sys
n = int(sys.argv[1]); last = {}; first = {}
for row in csv.reader(open("/tmp/complete-counters.csv")):
    if len(row) < 5 or row[0] == "Timestamp": continue
    key = row[2] + (" " + row[3] if False else ""); v = float(row[4] or 0)
    first.setdefault(key, v); last[key] = v
for k in sorted(last):
    print(f"counter {k}: first {first[k]:.0f} last {last[k]:.0f}")
PY
fi
if [ "${PROFILE_TRACE:-0}" = 1 ]; then
  wait "$trace_pid" || true
  ~/.dotnet/tools/dotnet-trace convert /tmp/complete.nettrace --format speedscope -o /tmp/complete > /dev/null
  python3 bench/speedscope-top.py /tmp/complete.speedscope.json
fi
kill $app_pid; wait $app_pid 2>/dev/null || true
