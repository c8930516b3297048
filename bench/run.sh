#!/usr/bin/env bash
# Yiyang benchmarks. Each figure is printed with a baseline measured in the same run on the same machine, and their ratio.
#   bash bench/run.sh           full run (1,000,000-row import)
#   bash bench/run.sh --quick   one-minute smoke run (20,000 rows) — CI runs this so the harness cannot rot
#   bash bench/run.sh --growth  full run plus the city at 190k, 750k and 3M elders (about an hour on 2 cores)
#   BENCH_KEEP=1 bash bench/run.sh ...   keep the benchmark server and its city databases when the run ends; a later run
#                                        with BENCH_KEEP=1 reuses them (migrates instead of seeding again): re-measure
#                                        after a change without another 35-minute seed of the 3M city
# PostgreSQL runs with durability on (fsync, full_page_writes, synchronous_commit as in production).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
growth=0
for a in "$@"; do case $a in --quick) quick=1 ;; --growth) growth=1 ;; esac; done
rows=${BENCH_ROWS:-$([ $quick = 1 ] && echo 20000 || echo 1000000)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
keep=${BENCH_KEEP:-0}
reused=0
work=$(mktemp -d)
# ports: free ones, so that two runs on one machine cannot collide; a kept server (BENCH_KEEP=1) stays on 55440 so that
# a later run finds it
if [ "$keep" = 1 ]; then
  export PGTEST_PORT=${BENCH_PG_PORT:-55440} PGTEST_STATE=${TMPDIR:-/tmp}/pgbench.state
else
  export PGTEST_PORT=${BENCH_PG_PORT:-$(bash scripts/free-port.sh)} PGTEST_STATE=$work/pgbench.state
fi
export PGTEST_DB=yiyang_bench PGTEST_CONN_VAR=BENCH_PG_CONN PGTEST_DURABLE=1
if [ "$keep" = 1 ] && [ -f "$PGTEST_STATE" ] && pg_isready -q -h 127.0.0.1 -p "$PGTEST_PORT"; then
  reused=1
  export BENCH_PG_CONN="Host=127.0.0.1;Port=$PGTEST_PORT;Username=postgres;Database=$PGTEST_DB"
  psql "host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=postgres" -qc "DROP DATABASE IF EXISTS $PGTEST_DB" -c "CREATE DATABASE $PGTEST_DB" >/dev/null
  echo "== reusing the kept benchmark server on port $PGTEST_PORT (BENCH_KEEP=1)"
else
  pg_env=$(bash scripts/pg-test-server.sh start)
  eval "$pg_env"
fi
if [ "$keep" = 1 ]; then
  trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; echo "== benchmark server kept on port $PGTEST_PORT; stop it with PGTEST_STATE=$PGTEST_STATE bash scripts/pg-test-server.sh stop"' EXIT
else
  trap 'kill $(jobs -p) 2>/dev/null || true; bash scripts/pg-test-server.sh stop; rm -rf "$work"' EXIT
fi

dotnet build bench/Yiyang.Bench -c Release -v q -nologo >/dev/null
bench=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.Bench.dll
app=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.dll
# BENCH_R2R=1: run the app published for linux-x64 with ReadyToRun code for the app and its packages instead (measured
# 2026-12-06: peak working set 412 vs 330 MB and lower throughput — the precompiled images are mapped in whole and hot
# methods are compiled again by the JIT anyway; bench/README.md)
r2r=${BENCH_R2R:-0}
if [ "$r2r" = 1 ]; then
  dotnet publish src/Yiyang -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" -v q -nologo >/dev/null
  app=$work/app/Yiyang.dll
fi

# the app's gen0 budget as deployed (README "部署 / Deploy"): without it the runtime sizes gen0 from the CPU's reported L3
# cache (on a VM reporting 300 MiB of L3 that was a 150 MB budget and a 411 MB peak); BENCH_GC_GEN0=0: the runtime's choice
gen0=${BENCH_GC_GEN0:-0x1000000}
# BENCH_APP_ENV="NAME=value ...": extra environment for the app only (runtime knobs under trial, e.g. DOTNET_TieredPGO=0)
app_env=${BENCH_APP_ENV:-}
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F), commit $(git rev-parse --short HEAD), L3 $(lscpu | sed -nE 's/^L3 cache: +//p'), app ReadyToRun=$r2r, DOTNET_GCgen0size=$gen0${app_env:+, app env: $app_env}"
dotnet "$bench" elders-csv --count "$rows" --seed 42 --region 610202 --out "$work/elders.csv"

# --- import: raw COPY of the same rows into a bare table vs the product's import path ---
raw=$(dotnet "$bench" raw-copy --conn "$BENCH_PG_CONN" --file "$work/elders.csv")
raw_rate=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' <<<"$raw")

export Database__Provider=Postgres ConnectionStrings__Yiyang="$BENCH_PG_CONN" Demo__Seed=false
# the benchmark's admin signs in with a password: the second factor (on in Production) is measured by no workload
export Accounts__RequireTotp=false
# the keys stay with a kept server (its cities were encrypted with them)
keys=${TMPDIR:-/tmp}/pgbench.keys
if [ "$reused" = 1 ] && [ -f "$keys" ]; then . "$keys"; else
  (umask 077; printf 'export Security__PiiEncryptionKey=%s Security__PiiHashKey=%s\n' "$(head -c 32 /dev/urandom | base64)" "$(head -c 32 /dev/urandom | base64)" > "$keys")
  . "$keys"
fi
dotnet "$app" migrate >/dev/null
start=$(date +%s.%N)
dotnet "$app" import-elders "$work/elders.csv" > "$work/import.log" 2>/dev/null || true
end=$(date +%s.%N)
imported=$(psql "host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$PGTEST_DB" -tAc "select count(*) from elders_elder")
product_rate=$(awk -v n="$imported" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
ratio=$(awk -v p="$product_rate" -v r="$raw_rate" 'BEGIN { printf "%.3f", p / r }')
echo "import: product ${product_rate} rows/s (${imported} rows, validation + AES-GCM + HMAC + audit, whole process incl. startup)"
echo "import: baseline raw COPY ${raw_rate} rows/s (bare table, same CSV)"
echo "import: ratio ${ratio} (target ≥ 0.4, ≥ 100k rows/s)"
[ "$imported" = "$rows" ] || { echo "import: expected $rows rows, found $imported" >&2; exit 1; }
grep '各阶段用时' "$work/import.log" | sed 's/^/import: phases /' || true
# second baseline: PostgreSQL alone writing the product's finished rows (encrypted, hashed) into a copy of the same
# table with the same indexes and constraints — separates the database's index cost from the application's cost
psql "host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$PGTEST_DB" -qc "DROP TABLE IF EXISTS bench_indexed_elder; CREATE TABLE bench_indexed_elder (LIKE elders_elder INCLUDING ALL)" >/dev/null
psql "host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$PGTEST_DB" -qc "\\copy (SELECT * FROM elders_elder) TO '$work/elders.bin' (FORMAT binary)" >/dev/null
start=$(date +%s.%N)
psql "host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$PGTEST_DB" -qc "\\copy bench_indexed_elder FROM '$work/elders.bin' (FORMAT binary)" >/dev/null
end=$(date +%s.%N)
indexed_rate=$(awk -v n="$imported" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "import: baseline COPY of the finished rows into the same indexed table ${indexed_rate} rows/s → product ratio $(awk -v p="$product_rate" -v r="$indexed_rate" 'BEGIN { printf "%.3f", p / r }')"

# --- city: seed-city, then lookups over HTTP (wrk) vs the same indexed SQL through raw Npgsql, and the app's peak memory
# sizes: quick = 20,000 elders of 铜川市 (6102); full = 190,000 elders of 西安市 (6101, 1/16 of 3M);
# --growth adds 750,000 and 3,000,000 (long: about an hour on 2 cores), each in its own database.
if [ $quick = 1 ]; then sizes=20000; elif [ $growth = 1 ]; then sizes="190000 750000 3000000"; else sizes=190000; fi
sizes=${BENCH_CITY_SIZES:-$sizes}
city_region=$([ $quick = 1 ] && echo 6102 || echo 6101)
dur=$([ $quick = 1 ] && echo 2 || echo 10)
port=$(bash scripts/free-port.sh)
raw_port=$(bash scripts/free-port.sh)
psql_admin="host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=postgres"
for size in $sizes; do
  db="yiyang_city_$size"
  cs="Host=127.0.0.1;Port=$PGTEST_PORT;Username=postgres;Database=$db;Maximum Pool Size=100"
  psql_city="host=127.0.0.1 port=$PGTEST_PORT user=postgres dbname=$db"
  export ConnectionStrings__Yiyang="$cs"
  if [ "$reused" = 1 ] && [ "$(psql "$psql_admin" -tAc "select count(*) from pg_database where datname = '$db'")" = 1 ] \
     && [ "$(psql "$psql_city" -tAc "select to_regclass('seed_city_index') is null and to_regclass('seed_city_progress') is not null")" = t ]; then
    # a finished city of an earlier BENCH_KEEP=1 run: bring its schema up to date instead of seeding it again
    echo "city[$size]: reused the seeded city of an earlier run; $(dotnet "$app" migrate | tail -1)"
    psql "$psql_city" -qc "VACUUM (ANALYZE)" >/dev/null
  else
    psql "$psql_admin" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
    start=$(date +%s.%N)
    dotnet "$app" seed-city --region "$city_region" --elders "$size" --seed 42 > "$work/city.log" 2> "$work/city.err" || { cat "$work/city.err" >&2; exit 1; }
    end=$(date +%s.%N)
    events=$(psql "$psql_city" -tAc "select coalesce(sum(events),0) from seed_city_progress")
    seed_rate=$(awk -v n="$events" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
    echo "city[$size]: seed-city $(tail -1 "$work/city.log")"
    echo "city[$size]: seed-city ${seed_rate} service events/s vs raw COPY ${raw_rate} rows/s → ratio $(awk -v p="$seed_rate" -v r="$raw_rate" 'BEGIN { printf "%.3f", p / r }')"
  fi

  # 三员分立: the platform admin reads no elder data; the security admin (console) creates the business user the bench
  # works as, a city operator of 铜川市 (6102), through the API once the app is up
  dotnet "$app" create-admin --user benchsec --password Bench2026pass --role security-admin > /dev/null || [ "$reused" = 1 ]
  # Elders__ExactSearchLimit=0: the by-ID-number lookups are one user's exact searches, throttled per user in production
  (cd "$(dirname "$app")" && export ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning Elders__ExactSearchLimit=0 \
     && if [ "$gen0" != 0 ]; then export DOTNET_GCgen0size=$gen0; fi && for kv in $app_env; do export "${kv?}"; done \
     && exec dotnet Yiyang.dll) > "$work/app.log" 2>&1 &
  app_pid=$!
  # memory sampler: the app's resident set and its parts (anonymous: GC heap and the runtime's native memory; file:
  # mapped assemblies and libraries; shmem: JIT output, double-mapped) twice a second, tagged with the phase under way
  echo start > "$work/phase"
  (while kill -0 $app_pid 2>/dev/null; do
     awk -v ph="$(cat "$work/phase" 2>/dev/null)" '/^(VmRSS|RssAnon|RssFile|RssShmem):/ { v[$1] = int($2 / 1024) }
       END { if (v["VmRSS:"]) print ph, v["VmRSS:"], v["RssAnon:"], v["RssFile:"], v["RssShmem:"] }' /proc/$app_pid/status 2>/dev/null
     sleep 0.5
   done) > "$work/memory.tsv" &
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 1; done
  sec=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/token" -H 'content-type: application/json' \
    -d '{"userName":"benchsec","password":"Bench2026pass"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  curl -s -o /dev/null -X POST "http://127.0.0.1:$port/api/users" -H "Authorization: Bearer $sec" -H 'content-type: application/json' \
    -d '{"userName":"benchcity","displayName":"基准测试市级业务员","password":"Bench2026pass","role":"city-operator","regionCode":"'"$city_region"'"}' || true
  token=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/token" -H 'content-type: application/json' \
    -d '{"userName":"benchcity","password":"Bench2026pass"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  [ -n "$token" ] || { echo "city[$size]: could not get a token" >&2; cat "$work/app.log" >&2; kill $app_pid; exit 1; }
  # the app counts the indicator set per township in the background at start (and every 4 minutes): wait for the first
  # round so that it does not run under the lookups, and report how long a full recount takes at this size
  year=$(date +%Y)
  for _ in $(seq 900); do
    [ "$(psql "$psql_city" -tAc "select count(*) from healthmgmt_indicator_refresh where year in ($year, $year - 1)")" = 2 ] && break; sleep 1
  done
  echo "indicators[$size]: pre-aggregation: every township's counts of $year recomputed in $(psql "$psql_city" -tAc "select duration_ms from healthmgmt_indicator_refresh where year = $year") ms (in the background every 4 min; read while ≤ 5 min old)"
  dotnet "$bench" lookup-sample --conn "$cs" --count 5000 --out "$work/lookup" 2>/dev/null
  # second baseline: the same SQL behind a bare HTTP server (no auth, EF, audit), driven by the same wrk script
  # (started up to twice: a CI run once saw it abort at start; its log is shown if it does)
  for attempt in 1 2; do
    dotnet "$bench" raw-http --conn "$cs" --port "$raw_port" > "$work/raw-http.log" 2>&1 &
    raw_http_pid=$!
    for _ in $(seq 30); do
      curl -s -o /dev/null "http://127.0.0.1:$raw_port/raw/elders/0" && break
      kill -0 $raw_http_pid 2>/dev/null || break
      sleep 1
    done
    kill -0 $raw_http_pid 2>/dev/null && break
    echo "lookup[$size]: the raw-http baseline server stopped at start (attempt $attempt):" >&2
    tail -20 "$work/raw-http.log" >&2
    wait $raw_http_pid 2>/dev/null || true
  done
  # warm-up (not measured): under load the JIT keeps recompiling hot methods (tiered compilation with PGO) for tens of
  # seconds; measured cold, a third of the app's CPU went to the JIT (bench/README.md, 2026-12-06)
  warm=$([ $quick = 1 ] && echo 2 || echo 15)
  echo lookups > "$work/phase"
  for kind in id idnumber name; do
    wrk -t2 -c16 -d${warm}s -s bench/lookup.lua "http://127.0.0.1:$port" -- "$work/lookup/by-$kind.txt" "$token" > /dev/null 2>&1 || true
  done
  for kind in id idnumber name; do
    file=$work/lookup/by-$kind.txt
    for conns in 16 64; do
      wrk -t2 -c$conns -d${dur}s -s bench/lookup.lua "http://127.0.0.1:$port" -- "$file" "$token" > "$work/wrk.out" 2>&1
      product=$(grep '^wrk ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; echo "wrk rps=0 p95_ms=0 non2xx=0"; })
      raw=$(dotnet "$bench" raw-lookup --conn "$cs" --dir "$work/lookup" --kind $kind --connections $conns --seconds $dur 2> "$work/raw-lookup.err") \
        || { echo "lookup[$size]: raw-lookup failed:" >&2; tail -20 "$work/raw-lookup.err" >&2; kill $app_pid $raw_http_pid 2>/dev/null; exit 1; }
      sed 's#^/api/elders#/raw/elders#' "$file" > "$work/raw-paths.txt"
      wrk -t2 -c$conns -d${dur}s -s bench/lookup.lua "http://127.0.0.1:$raw_port" -- "$work/raw-paths.txt" "-" > "$work/wrk-raw.out" 2>&1
      raw_http=$(grep '^wrk ' "$work/wrk-raw.out" || { cat "$work/wrk-raw.out" >&2; echo "wrk rps=0 p95_ms=0"; })
      p_rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$product"); r_rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$raw")
      h_rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$raw_http")
      echo "lookup[$size] $kind c=$conns: product ${product#wrk } | baseline ${raw#raw-lookup } | throughput ratio $(awk -v p="$p_rps" -v r="$r_rps" 'BEGIN { printf "%.2f", (r > 0 ? p / r : 0) }')"
      echo "lookup[$size] $kind c=$conns: baseline raw SQL over bare HTTP (same wrk) ${raw_http#wrk } | throughput ratio $(awk -v p="$p_rps" -v r="$h_rps" 'BEGIN { printf "%.2f", (r > 0 ? p / r : 0) }')"
      grep -q 'non2xx=0 ' <<<"$product" || { echo "lookup[$size] $kind: non-2xx answers" >&2; head -3 "$file" >&2; grep -iE "warn|fail|error|exception" "$work/app.log" | head -20 >&2;
        curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$(head -1 "$file")" | head -c 400 >&2; kill $app_pid; exit 1; }
    done
  done
  kill $raw_http_pid; wait $raw_http_pid 2>/dev/null || true
  # --- indicators: the 65+ health-management indicator set for the city and for one district, one request at a time
  echo indicators > "$work/phase"
  district=$(psql "$psql_city" -tAc "select county_code from elders_elder group by 1 order by count(*) desc limit 1")
  for region in "$city_region" "$district"; do
    echo "/api/indicators/health-management?regionCode=$region&year=$year" > "$work/indicator.txt"
    # one warm-up request (JIT, plan cache): a cold first answer can outlast a 2-second quick window
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$(cat "$work/indicator.txt")" || true
    wrk -t1 -c1 -d${dur}s -s bench/lookup.lua "http://127.0.0.1:$port" -- "$work/indicator.txt" "$token" > "$work/wrk.out" 2>&1
    product=$(grep '^wrk ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; echo "wrk p95_ms=0 non2xx=1 "; })
    raw=$(dotnet "$bench" raw-indicators --conn "$cs" --region "$region" --year "$year" --seconds "$dur")
    echo "indicators[$size] region=$region: product (pre-aggregated counts + live drill-through page) ${product#wrk } | baseline: the five counts live in plain SQL ${raw#raw-indicators } (target p95 ≤ 300 ms for the city set)"
    grep -q 'non2xx=0 ' <<<"$product" || { echo "indicators[$size]: non-2xx answers" >&2; tail -20 "$work/app.log" >&2; kill $app_pid; exit 1; }
  done

  # --- targets (#20): the officials' dashboard of the largest district, every catalogue indicator with its breakdown,
  # counted live; the reference is the five health-management counts in plain SQL measured just above
  echo targets > "$work/phase"
  echo "/api/indicators/dashboard?regionCode=$district&year=$year" > "$work/dashboard.txt"
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port$(cat "$work/dashboard.txt")" || true
  wrk -t1 -c1 -d${dur}s -s bench/lookup.lua "http://127.0.0.1:$port" -- "$work/dashboard.txt" "$token" > "$work/wrk.out" 2>&1
  product=$(grep '^wrk ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; echo "wrk p95_ms=0 non2xx=1 "; })
  echo "targets[$size] region=$district: product dashboard (all catalogue indicators + breakdown, live) ${product#wrk } | reference: the five health-management counts in plain SQL above (target p95 ≤ 300 ms)"
  grep -q 'non2xx=0 ' <<<"$product" || { echo "targets[$size]: non-2xx answers" >&2; tail -20 "$work/app.log" >&2; kill $app_pid; exit 1; }

  # --- write: completing a visit (charges, audit, timeline) over HTTP vs pgbench TPC-B on the same server
  echo writes > "$work/phase"
  n=$([ $quick = 1 ] && echo 3000 || echo 40000)
  dotnet "$bench" prepare-visits --conn "$cs" --count $n --out "$work/visits.txt" 2>/dev/null
  # warm-up (JIT, caches): five visits one by one (a failure stops the run with the app's log), then a load of other
  # prepared visits for ${warm}s; none of them is counted
  for id in $(tail -5 "$work/visits.txt"); do
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"confirmation":{"by":"self"},"distanceKm":2.5}' "http://127.0.0.1:$port/api/home-visits/$id/complete" \
      || { echo "write[$size]: warm-up completion failed" >&2; tail -20 "$work/app.log" >&2; kill $app_pid; exit 1; }
  done
  head -n -5 "$work/visits.txt" > "$work/visits-measured.txt"
  dotnet "$bench" prepare-visits --conn "$cs" --count $([ $quick = 1 ] && echo 1000 || echo 8000) --out "$work/visits-warm.txt" 2>/dev/null
  wrk -t2 -c16 -d${warm}s -s bench/complete.lua "http://127.0.0.1:$port" -- "$work/visits-warm.txt" "$token" 2 > /dev/null 2>&1 || true
  # a reused city keeps the completed visits of earlier runs: count only this run's
  done_sql="select count(*) from homecare_visit where created_by_user = 'bench' and status = 3"
  done_before=$(psql "$psql_city" -tAc "$done_sql")
  wdur=$([ $quick = 1 ] && echo 5 || echo "$dur")
  wrk -t2 -c16 -d${wdur}s -s bench/complete.lua "http://127.0.0.1:$port" -- "$work/visits-measured.txt" "$token" 2 > "$work/wrk.out" 2>&1
  product=$(grep '^wrk ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; echo "wrk rps=0"; })
  completed=$(( $(psql "$psql_city" -tAc "$done_sql") - done_before ))
  [ "$completed" -gt 0 ] || { echo "write[$size]: no visit was completed" >&2; tail -20 "$work/app.log" >&2; kill $app_pid; exit 1; }
  psql "$psql_admin" -qc "DROP DATABASE IF EXISTS yiyang_pgbench" -c "CREATE DATABASE yiyang_pgbench" > /dev/null
  pgbench -h 127.0.0.1 -p "$PGTEST_PORT" -U postgres -i -s 10 -q yiyang_pgbench > /dev/null 2>&1
  tps=$(pgbench -h 127.0.0.1 -p "$PGTEST_PORT" -U postgres -c 16 -j 2 -T "$wdur" yiyang_pgbench 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
  psql "$psql_admin" -qc "DROP DATABASE yiyang_pgbench" > /dev/null
  # second baseline: the completion's own SQL (same statements, round trips and rows) driven by pgbench without the app
  dotnet "$bench" prepare-visits --conn "$cs" --count $([ $quick = 1 ] && echo 5000 || echo 40000) --out "$work/visits-raw.txt" 2>/dev/null
  awk '{ print NR "\t" $1 }' "$work/visits-raw.txt" > "$work/visits-raw.tsv"
  psql "$psql_city" -qc "DROP TABLE IF EXISTS bench_raw_queue; DROP SEQUENCE IF EXISTS bench_raw_seq" \
    -c "CREATE TABLE bench_raw_queue (n bigint PRIMARY KEY, visit_id bigint NOT NULL); CREATE SEQUENCE bench_raw_seq" \
    -c "\\copy bench_raw_queue FROM '$work/visits-raw.tsv'" -c "ANALYZE bench_raw_queue" > /dev/null
  raw_sql=$(pgbench -h 127.0.0.1 -p "$PGTEST_PORT" -U postgres -n -M prepared -c 16 -j 2 -T "$wdur" -f bench/complete.pgbench "$db" 2> "$work/pgbench-raw.err" \
    | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
  raw_done=$(psql "$psql_city" -tAc "select count(*) from homecare_visit v join bench_raw_queue q on q.visit_id = v.id where v.status = 3")
  psql "$psql_city" -qc "DROP TABLE bench_raw_queue; DROP SEQUENCE bench_raw_seq" > /dev/null
  # the queue must outlast the run: a client that finds it empty reuses its last visit and stops at a duplicate charge
  if [ -z "$raw_sql" ] || [ "$raw_done" -eq 0 ] || grep -q 'aborted' "$work/pgbench-raw.err"; then
    echo "write[$size]: the raw-SQL completion baseline failed or ran out of visits:" >&2; tail -5 "$work/pgbench-raw.err" >&2; raw_sql=0
  fi
  w_rate=$(awk -v n="$completed" -v d="$wdur" 'BEGIN { printf "%.0f", n / d }')
  echo "write[$size]: visit completion ${w_rate}/s (${completed} completed in ${wdur}s at 16 connections; ${product#wrk }) | baseline pgbench TPC-B ${tps} tps (16 clients) | ratio $(awk -v p="$w_rate" -v r="$tps" 'BEGIN { printf "%.2f", (r > 0 ? p / r : 0) }') (target ≥ 1,000/s and ≥ 0.4)"
  echo "write[$size]: baseline the completion's own SQL through pgbench (bench/complete.pgbench: same statements, round trips and rows, no app) ${raw_sql} completions/s | ratio $(awk -v p="$w_rate" -v r="$raw_sql" 'BEGIN { printf "%.2f", (r > 0 ? p / r : 0) }')"

  echo "memory[$size]: app peak working set $(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' /proc/$app_pid/status) (target ≤ 300 MB)"
  awk '{ if ($2 > m[$1]) { m[$1] = $2; r[$1] = $0 } if (!($1 in o)) o[$1] = ++n; p[o[$1]] = $1 }
    END { for (i = 1; i <= n; i++) { split(r[p[i]], f, " "); printf "memory[%s]: peak while %s: %d MB = anonymous %d + files %d + JIT output/shared %d\n", size, p[i], f[2], f[3], f[4], f[5] } }' \
    size="$size" "$work/memory.tsv"
  kill $app_pid; wait $app_pid 2>/dev/null || true
  if [ $quick = 1 ]; then psql "$psql_admin" -qc "DROP DATABASE $db" > /dev/null; fi
done
