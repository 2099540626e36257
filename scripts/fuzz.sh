#!/usr/bin/env bash
# Runs every fuzz target of the module for a short time each. Usage: fuzz.sh DURATION
#
# Go's fuzzer can end a time-boxed run with "context deadline exceeded" when a worker is slow to answer as the
# time runs out (seen here on a loaded machine), without any failing input. Such a run is tried again, twice at
# most; a run that writes a failing input, or fails any other way, fails at once.
set -euo pipefail
t="${1:-5s}"
n=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		for try in 1 2 3; do
			echo "fuzz $pkg $target ($t, try $try)"
			if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" "$pkg" >"$log" 2>&1; then
				break
			fi
			if grep -q "Failing input written to" "$log" || ! grep -q "context deadline exceeded" "$log" || [ "$try" = 3 ]; then
				cat "$log"
				exit 1
			fi
			echo "  the fuzzer timed out a worker without a failing input; trying again"
		done
		n=$((n + 1))
	done
done
echo "fuzz: $n targets ran for $t each"
