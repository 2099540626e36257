#!/usr/bin/env bash
# The workbench's load benchmark: starts `tradetrace serve` on a store and runs 16 concurrent clients against
# party pages, searches and shipment pages for a bounded time (internal/web/loadtest), printing p50/p95/p99,
# errors and the server's memory. Exit status is non-zero when a request failed.
# Usage: scripts/bench-web.sh STORE [DURATION] [CLIENTS]   e.g. scripts/bench-web.sh demo/tradetrace.duckdb 30s 16
# The store must have findings (tradetrace detect). DuckDB opens a file for one process: stop other users.
# The server runs with --index (creates the workbench's ART indexes in the store once); INDEX= turns that off.
set -euo pipefail
# Built as the Makefile builds: with the DuckDB driver's Arrow interface (see the Makefile's GOFLAGS).
export GOFLAGS="${GOFLAGS--tags=duckdb_arrow}"
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
STORE=${1:?usage: scripts/bench-web.sh STORE [DURATION] [CLIENTS]}
DURATION=${2:-30s}
CLIENTS=${3:-16}
INDEX=${INDEX-1}
case "$STORE" in clickhouse://*) INDEX= ;; esac # ClickHouse tables are ordered for the pages' lookups already
WORK=$(mktemp -d /tmp/tradetrace-bench-web.XXXXXX)
go build -o "$WORK/tradetrace" ./cmd/tradetrace
go build -o "$WORK/loadtest" ./internal/web/loadtest
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
"$WORK/tradetrace" --db "$STORE" serve ${INDEX:+--index} --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
# --index builds the ART indexes on the first start: minutes on a 10M-line store, so the wait is long.
for _ in $(seq 1 9000); do
	curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
	sleep 0.2
done
echo "bench-web: store $STORE"
"$WORK/loadtest" --url "http://127.0.0.1:$PORT" --clients "$CLIENTS" --duration "$DURATION" --pid $SERVER
