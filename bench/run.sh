#!/usr/bin/env bash
# Yiyang benchmarks. Each figure is printed with a baseline measured in the same run on the same machine, and their ratio.
#   bash bench/run.sh           full run (1,000,000-row import)
#   bash bench/run.sh --quick   one-minute smoke run (20,000 rows) — CI runs this so the harness cannot rot
# PostgreSQL runs with durability on (fsync, full_page_writes, synchronous_commit as in production).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
rows=${BENCH_ROWS:-$([ $quick = 1 ] && echo 20000 || echo 1000000)}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PGTEST_PORT=55440 PGTEST_DB=yiyang_bench PGTEST_STATE=${TMPDIR:-/tmp}/pgbench.state PGTEST_CONN_VAR=BENCH_PG_CONN PGTEST_DURABLE=1
pg_env=$(bash scripts/pg-test-server.sh start)
eval "$pg_env"
work=$(mktemp -d)
trap 'PGTEST_STATE=${TMPDIR:-/tmp}/pgbench.state bash scripts/pg-test-server.sh stop; rm -rf "$work"' EXIT

dotnet build bench/Yiyang.Bench -c Release -v q -nologo >/dev/null
bench=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.Bench.dll
app=bench/Yiyang.Bench/bin/Release/net10.0/Yiyang.dll

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(date -u +%F), commit $(git rev-parse --short HEAD)"
dotnet "$bench" elders-csv --count "$rows" --seed 42 --region 610202 --out "$work/elders.csv"

# --- import: raw COPY of the same rows into a bare table vs the product's import path ---
raw=$(dotnet "$bench" raw-copy --conn "$BENCH_PG_CONN" --file "$work/elders.csv")
raw_rate=$(sed -E 's/.*rows_per_s=([0-9]+).*/\1/' <<<"$raw")

export Database__Provider=Postgres ConnectionStrings__Yiyang="$BENCH_PG_CONN" Demo__Seed=false
export Security__PiiEncryptionKey=$(head -c 32 /dev/urandom | base64) Security__PiiHashKey=$(head -c 32 /dev/urandom | base64)
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
