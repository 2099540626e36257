#!/usr/bin/env bash
# make bench-names: the name engine and screening measures of issue 3, in one run on this machine.
#  1. nomenklatura's 826 labelled pairs: AUC, best F1 and non-Latin AUC, ours beside logic-v2's frozen scores;
#  2. watchman's cross-script pairs found;
#  3. yente's candidate benchmark: recall on the typo-treated UN names and false positives on the 2 x 50,000
#     synthetic persons (through the name engine's keys, and screened against every list);
#  4. screening speed with every list of shared/data/lists loaded, for names that match nothing: queries/s on
#     one core, p50 and p99 (wall clock, and thread CPU time, which a machine shared with other work does not
#     inflate), and memory;
#  5. the Go benchmarks of the screening index (BenchmarkScreenNoMatch, one core).
# SHARED_DATA points at the shared data folder (default ../shared/data beside the repository); NEGATIVES=N
# screens only the first N persons of each negatives file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
data="${SHARED_DATA:-../shared/data}"
if [ ! -d "$data/benchmarks/namematch" ] || [ ! -d "$data/lists" ]; then
	echo "bench-names: no benchmark data in $data (set SHARED_DATA)" >&2
	exit 1
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
go build -o "$out/benchnames" ./internal/screen/benchnames
"$out/benchnames" -data "$data" -negatives "${NEGATIVES:-0}"
echo
echo "Go benchmarks (one core, every list loaded):"
go test -run '^$' -bench 'BenchmarkScreen' -cpu 1 -benchmem ./internal/screen/ | grep -E '^Benchmark'
