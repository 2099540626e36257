#!/usr/bin/env bash
# make bench: the issue's speed and memory targets, measured in one run on this machine.
#  1. a BENCH_ROWS-row sample (default 10M) in the real layouts, ingested into a store with the lists loaded;
#  2. that store exported as one canonical CSV;
#  3. DuckDB's read_csv of the canonical CSV into a plain table, then tradetrace's ingest of it (ratio);
#  4. the lines bound for Russia read out of the store, through database/sql and as Arrow batches (BenchmarkReadLines);
#     the detectors over the store: the first detector alone (issue 2), then every detector as `tradetrace detect
#     --force` runs them, twice, failing when the second run's findings differ from the first's (issue 5);
#  5. DuckDB and a two-shard ClickHouse side by side through the commands (scripts/bench-stores.sh: ingest rows/s,
#     lists, parties, screening, every detector, page p95 under load) on a STORES_ROWS-row sample (default 1M:
#     the ClickHouse ingest of 10M takes long on one machine).
set -euo pipefail
# Built as the Makefile builds: with the DuckDB driver's Arrow interface (see the Makefile's GOFLAGS).
export GOFLAGS="${GOFLAGS--tags=duckdb_arrow}"
cd "$(dirname "$0")/.."
rows="${BENCH_ROWS:-10000000}"
dir="${BENCH_DIR:-/tmp/tradetrace-bench-$rows}"
bin=bin/tradetrace
mkdir -p "$dir"
if [ ! -f "$dir/sample/planted.json" ]; then
	"$bin" sample --rows "$rows" --out "$dir/sample"
fi
if [ ! -f "$dir/store.duckdb" ]; then
	echo "ingesting the sample (all layouts) into $dir/store.duckdb"
	"$bin" --db "$dir/store.duckdb" ingest "$dir"/sample/*.csv*
	# The lists, so that the listed-party detector screens every party as it does in the demo.
	"$bin" --db "$dir/store.duckdb" lists load "${SHARED:-../shared}/data/lists"
fi
if [ ! -f "$dir/canonical.csv" ]; then
	"$bin" --db "$dir/store.duckdb" export shipments "$dir/canonical.csv"
fi
ls -l "$dir/canonical.csv"
export TRADETRACE_BENCH_CSV="$dir/canonical.csv" TRADETRACE_BENCH_DB="$dir/store.duckdb"
status=0
for b in ReadCSV Ingest ReadGoods ReadLines Detect; do
	go test -run '^$' -bench "^Benchmark${b}\$" -benchtime 1x -timeout 60m ./internal/duckdb/ | grep -vE '^(goos|goarch|pkg|cpu):' || status=1
done
go test -run '^$' -bench '^BenchmarkDetectAll$' -benchtime 1x -timeout 60m ./cmd/tradetrace/ | grep -vE '^(goos|goarch|pkg|cpu):' || status=1
srows="${STORES_ROWS:-1000000}"
sdir="${BENCH_DIR_STORES:-/tmp/tradetrace-bench-stores-$srows}"
if [ ! -f "$sdir/planted.json" ]; then
	"$bin" sample --rows "$srows" --out "$sdir"
fi
export CH_DIR="${CH_DIR:-/tmp/tradetrace-clickhouse}"
scripts/clickhouse.sh stop >/dev/null 2>&1 || true
scripts/clickhouse.sh start
trap 'scripts/clickhouse.sh stop >/dev/null 2>&1 || true' EXIT
TRADETRACE_CH_ADDRS="$(cat "$CH_DIR/addrs")" scripts/bench-stores.sh "$bin" "$sdir" || status=1
exit $status
