#!/usr/bin/env bash
# Runs the report and export tests with the PDF path for real: installs Debian's chromium (and a CJK font, so
# that Chinese names print) when missing, then runs the tests, TestReportPDF among them, which fails rather
# than skips once chromium is there. Usage: scripts/report-test.sh [go test flags]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk' || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
	echo "report-test: /usr/bin/chromium is still missing after the install" >&2
	exit 1
fi
/usr/bin/chromium --version
go test -count=1 "$@" ./internal/export/... ./internal/report/...
out=$(go test -count=1 -v -run 'TestReportPDF' "$@" ./internal/duckdb/ 2>&1) || { echo "$out"; exit 1; }
echo "$out" | grep -v '^=== RUN'
if echo "$out" | grep -q -- '--- SKIP'; then
	echo "report-test: TestReportPDF was skipped" >&2
	exit 1
fi
go test -count=1 -run 'TestReport|TestCaseReport|TestPartyReport' "$@" ./internal/duckdb/
