#!/usr/bin/env bash
# The ClickHouse half of `make test`: starts two ClickHouse servers on loopback as the two shards of the cluster
# (scripts/clickhouse.sh, which installs Debian's clickhouse-server when missing), runs the store contract suite,
# the cluster tests and the fault tests against them, and stops the servers whatever the outcome. A test that
# skips here fails the run: with the servers up, nothing may be left out.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export CH_DIR="${CH_DIR:-/tmp/tradetrace-clickhouse}"
scripts/clickhouse.sh stop >/dev/null 2>&1 || true
scripts/clickhouse.sh start
trap 'scripts/clickhouse.sh stop >/dev/null 2>&1 || true' EXIT
TRADETRACE_CH_ADDRS="$(cat "$CH_DIR/addrs")"
export TRADETRACE_CH_ADDRS
out="$(mktemp)"
status=0
go test -count=1 -v ./internal/clickhouse/ ./internal/storetest/ ./internal/faults/ >"$out" 2>&1 || status=$?
grep -E '^(--- |ok|FAIL|PASS)' "$out" || true
if [ "$status" -ne 0 ]; then
	tail -n 60 "$out"
	exit "$status"
fi
if grep -q -- '--- SKIP' "$out"; then
	echo "clickhouse-test: a test was skipped with the servers up:" >&2
	grep -A2 -- '--- SKIP' "$out" >&2
	exit 1
fi
# The contract suite on DuckDB too, in the same run, so both stores answer to one contract.
go test -count=1 -run 'Contract' ./internal/duckdb/
