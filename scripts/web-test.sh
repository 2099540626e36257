#!/usr/bin/env bash
# The workbench's browser test: builds the bundle and the binary, makes a sample store, starts
# `tradetrace serve` on a free loopback port and walks the reference case in Debian's Chromium with
# playwright-core (web/tests/walk.mjs). Screenshots go to $SHOTS. Exit status is the test's.
# Usage: scripts/web-test.sh [STORE]   (default: a fresh 200k-row sample store under $WORK)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
made_work=
if [ -z "${WORK:-}" ]; then
	WORK=$(mktemp -d /tmp/tradetrace-web-test.XXXXXX)
	made_work=1
fi
SHOTS=${SHOTS:-$WORK/shots}
ROWS=${ROWS:-200000}
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk' || need+=(fonts-wqy-zenhei)
command -v npm >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
scripts/web-build.sh
go build -o "$WORK/tradetrace" ./cmd/tradetrace
BIN="$WORK/tradetrace"
STORE=${1:-}
if [ -z "$STORE" ]; then
	STORE="$WORK/store.duckdb"
	"$BIN" sample --rows "$ROWS" --out "$WORK/sample" >/dev/null
	"$BIN" --db "$STORE" ingest "$WORK"/sample/*.csv* >/dev/null
	"$BIN" --db "$STORE" lists load "${SHARED:-../shared}/data/lists" >/dev/null
	"$BIN" --db "$STORE" parties resolve >/dev/null
	"$BIN" --db "$STORE" screen --parties >/dev/null
	"$BIN" --db "$STORE" detect >/dev/null
	"$BIN" --db "$STORE" cases --no-build --top 0 >/dev/null
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
"$BIN" --db "$STORE" serve --addr "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
# A work folder made here keeps only the screenshots and the server's log (the store and sample are 0.5 GB).
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; [ -z "$made_work" ] || rm -rf "$WORK/sample" "$WORK/store.duckdb" "$WORK/store.duckdb.wal" "$WORK/store.duckdb.raw" "$WORK/tradetrace"' EXIT
for _ in $(seq 1 100); do
	curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	kill -0 $SERVER 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
	sleep 0.2
done
status=0
(cd web && TRADETRACE_URL="http://127.0.0.1:$PORT" SHOTS="$SHOTS" node tests/walk.mjs) || status=$?
echo "web-test: screenshots in $SHOTS"
exit $status
