#!/usr/bin/env bash
# Builds the workbench's JavaScript bundle (echarts, cytoscape; bundled by vite) into
# internal/web/static/dist, which the Go binary embeds. Installs node and npm from Debian when missing.
# The server works without the bundle (charts fall back to tables): build it before `go build` to get charts.
# Usage: scripts/web-build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
	echo "installing: nodejs npm" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
cd web
npm ci --no-audit --no-fund --loglevel=error
npx vite build --logLevel warn
test -s ../internal/web/static/dist/app.js
echo "web-build: internal/web/static/dist/app.js ($(wc -c <../internal/web/static/dist/app.js) bytes)"
