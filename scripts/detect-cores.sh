#!/usr/bin/env bash
# detect-cores.sh STORE [detect flags…]: runs `tradetrace detect --force` on STORE and prints, about once a
# second, the seconds since the start and the cores the process used since the last line, with detect's own
# progress lines between them as they come. It stops the run once the detectors are done (the cases' rebuild
# is not shown). Stretches near 1.0 on a 2-core machine are where one core idles: work left on one goroutine.
# Uses the binary make build writes (bin/tradetrace) unless TRADETRACE names another.
#
#   scripts/detect-cores.sh /tmp/tradetrace-bench-10000000/store.duckdb
#   scripts/detect-cores.sh /tmp/tradetrace-bench-10000000/store.duckdb --serial --only front_company
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 STORE [detect flags…]" >&2; exit 2; }
cd "$(dirname "$0")/.."
bin="${TRADETRACE:-bin/tradetrace}"
store=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$bin" --db "$store" detect --force --top 0 "$@" >"$log" 2>&1 &
pid=$!
ticks=$(getconf CLK_TCK)
start=$(date +%s%N)
last_cpu=0 last_t=$start shown=0
while kill -0 "$pid" 2>/dev/null; do
	sleep 1
	# utime and stime, fields 14 and 15 of /proc/PID/stat (the command name, field 2, has no spaces here)
	cpu=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) || break
	now=$(date +%s%N)
	awk -v t="$now" -v s="$start" -v lt="$last_t" -v c="$cpu" -v lc="$last_cpu" -v hz="$ticks" \
		'BEGIN { printf "%7.1f s  %4.2f cores\n", (t - s) / 1e9, (c - lc) / hz / ((t - lt) / 1e9) }'
	last_cpu=$cpu last_t=$now
	n=$(wc -l <"$log")
	if [ "$n" -gt "$shown" ]; then
		sed -n "$((shown + 1)),${n}p" "$log" | sed 's/^/          | /'
		shown=$n
	fi
	if grep -q "detectors in" "$log"; then
		kill -TERM "$pid"
		break
	fi
done
wait "$pid" 2>/dev/null || true
if ! grep -q "detectors in" "$log"; then
	sed -n "$((shown + 1)),\$p" "$log" >&2
	exit 1
fi
