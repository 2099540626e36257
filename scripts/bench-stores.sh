#!/usr/bin/env bash
# DuckDB and ClickHouse side by side, through the commands a user runs: the sample files in SAMPLE ingested into a
# new DuckDB file and a new database on the two-shard ClickHouse of TRADETRACE_CH_ADDRS, then lists, parties,
# screening and every detector on each, then the workbench under load (scripts/bench-web.sh). Prints one table:
# seconds per step, ingest rows/s, the client's peak memory, findings and cases, page p95 per kind.
# Usage: scripts/bench-stores.sh BIN SAMPLE   (make bench runs it on a 1M-row sample; STORES_ROWS changes that)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 sample=$2
addrs=${TRADETRACE_CH_ADDRS:?TRADETRACE_CH_ADDRS: the shards of a running ClickHouse cluster (scripts/clickhouse.sh start)}
work=$(mktemp -d /tmp/tradetrace-bench-stores.XXXXXX)
chdb="tt_bench_$$"
trap 'rm -rf "$work"; for a in ${addrs//,/ }; do clickhouse-client --host "${a%:*}" --port "${a##*:}" -q "DROP DATABASE IF EXISTS $chdb" >/dev/null 2>&1 || true; done' EXIT
declare -A sec mem
run() { # store-name step args…
	local name=$1 step=$2 db=$3
	shift 3
	/usr/bin/time -o "$work/time" -f '%e %M' "$bin" --db "$db" "$@" >"$work/$name-$step.out" 2>&1 ||
		{ cat "$work/$name-$step.out" >&2; exit 1; }
	read -r s m <"$work/time"
	sec[$name,$step]=$s
	mem[$name,$step]=$((m / 1024))
}
for name in duckdb clickhouse; do
	db="$work/bench.duckdb"
	[ "$name" = clickhouse ] && db="clickhouse://${addrs%%,*}/$chdb"
	echo "bench-stores: $name ($db)" >&2
	run $name ingest "$db" ingest "$sample"/*.csv*
	rows=$(awk '/rows read/ {s += $3} END {print s}' "$work/$name-ingest.out")
	run $name lists "$db" lists load "${SHARED:-../shared}/data/lists"
	run $name parties "$db" parties resolve
	run $name screen "$db" screen --parties
	run $name detect "$db" detect --force --top 0
	sec[$name,findings]=$("$bin" --db "$db" detect --no-run --format json | wc -l)
	sec[$name,cases]=$("$bin" --db "$db" cases --no-build --top 0 --format json | wc -l)
	scripts/bench-web.sh "$db" 20s 8 >"$work/$name-web.out" 2>&1 || { cat "$work/$name-web.out" >&2; exit 1; }
	for k in party search shipment; do
		sec[$name,p95-$k]=$(awk -v k=$k '$1 == k {print $5}' "$work/$name-web.out")
	done
	sec[$name,rps]=$(awk '/^throughput:/ {print $2}' "$work/$name-web.out")
done
printf '\n%d lines (%s)\n' "$rows" "$sample"
printf '%-22s %14s %14s\n' "" duckdb clickhouse
for step in ingest lists parties screen detect; do
	printf '%-22s %12ss %12ss\n' "$step" "${sec[duckdb,$step]}" "${sec[clickhouse,$step]}"
done
printf '%-22s %14.0f %14.0f\n' "ingest rows/s" "$(awk "BEGIN {print $rows / ${sec[duckdb,ingest]}}")" "$(awk "BEGIN {print $rows / ${sec[clickhouse,ingest]}}")"
printf '%-22s %11s MB %11s MB\n' "detect peak (client)" "${mem[duckdb,detect]}" "${mem[clickhouse,detect]}"
printf '%-22s %14s %14s\n' findings "${sec[duckdb,findings]}" "${sec[clickhouse,findings]}"
printf '%-22s %14s %14s\n' cases "${sec[duckdb,cases]}" "${sec[clickhouse,cases]}"
for k in party search shipment; do
	printf '%-22s %11s ms %11s ms\n' "page p95 $k" "${sec[duckdb,p95-$k]}" "${sec[clickhouse,p95-$k]}"
done
printf '%-22s %14s %14s\n' "pages requests/s" "${sec[duckdb,rps]}" "${sec[clickhouse,rps]}"
