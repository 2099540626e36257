#!/usr/bin/env bash
# scripts/clickhouse.sh start|stop|status: two ClickHouse servers on loopback, as the two shards of the cluster
# "tradetrace", for the contract and fault tests and for trying the ClickHouse store by hand.
#
#   start  installs Debian's clickhouse-server if it is missing, writes a config per shard under $CH_DIR, starts
#          both servers, waits until each answers, and writes their native addresses, comma-separated, to
#          $CH_DIR/addrs. Use them with: export TRADETRACE_CH_ADDRS=$(cat $CH_DIR/addrs)
#   stop   stops the servers it started (by their pid files) and removes $CH_DIR.
#   status prints the addresses and whether each server answers.
#
# Settings (environment):
#   CH_DIR    working directory of both servers (default /tmp/tradetrace-clickhouse)
#   CH_PORTS  the two native ports (default "9000 9001"; a busy port makes start fail)
#
# Each shard has its own data, logs and config; both define the same remote_servers cluster "tradetrace" with
# one shard per server, which the store's Distributed tables use. A real cluster is the same config on each
# host, with the hosts' names in place of 127.0.0.1 (internal/clickhouse/README.md).
set -euo pipefail

dir="${CH_DIR:-/tmp/tradetrace-clickhouse}"
read -r -a ports <<<"${CH_PORTS:-9000 9001}"
if [ "${#ports[@]}" -ne 2 ]; then
	echo "clickhouse.sh: CH_PORTS must name two ports, got '${CH_PORTS:-}'" >&2
	exit 2
fi

install_server() {
	if command -v clickhouse-server >/dev/null && command -v clickhouse-client >/dev/null; then
		return
	fi
	echo "clickhouse.sh: installing clickhouse-server and clickhouse-client with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() { # shard-dir native-port http-port
	local d=$1 port=$2 http=$3
	mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
	cat >"$d/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$d/log/server.log</log>
        <errorlog>$d/log/error.log</errorlog>
        <size>10M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>$port</tcp_port>
    <http_port>$http</http_port>
    <max_connections>512</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>$d/data/</path>
    <tmp_path>$d/tmp/</tmp_path>
    <user_files_path>$d/user_files/</user_files_path>
    <format_schema_path>$d/format_schemas/</format_schema_path>
    <users_config>$d/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
    <remote_servers>
        <tradetrace>
            <shard><replica><host>127.0.0.1</host><port>${ports[0]}</port></replica></shard>
            <shard><replica><host>127.0.0.1</host><port>${ports[1]}</port></replica></shard>
        </tradetrace>
    </remote_servers>
    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
</yandex>
EOF
	cat >"$d/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>in_order</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
}

answers() { clickhouse-client --host 127.0.0.1 --port "$1" --query 'SELECT 1' >/dev/null 2>&1; }

start() {
	install_server
	if [ -f "$dir/addrs" ]; then
		echo "clickhouse.sh: already started in $dir (run stop first)" >&2
		exit 1
	fi
	for p in "${ports[@]}"; do
		if port_busy "$p"; then
			echo "clickhouse.sh: port $p on 127.0.0.1 is in use; set CH_PORTS to two free ports" >&2
			exit 1
		fi
	done
	mkdir -p "$dir"
	local i=0
	for p in "${ports[@]}"; do
		i=$((i + 1))
		local d="$dir/shard$i"
		write_config "$d" "$p" $((p + 20000))
		# setsid: the server outlives this script and is not in its process group.
		setsid clickhouse-server --config-file="$d/config.xml" --pid-file="$d/server.pid" \
			>"$d/log/stdout.log" 2>&1 </dev/null &
		echo $! >"$d/launcher.pid"
	done
	local deadline=$((SECONDS + 60))
	for p in "${ports[@]}"; do
		until answers "$p"; do
			if [ $SECONDS -ge $deadline ]; then
				echo "clickhouse.sh: the server on port $p did not answer within 60 s; its log:" >&2
				tail -20 "$dir"/shard*/log/error.log "$dir"/shard*/log/stdout.log >&2 || true
				stop
				exit 1
			fi
			sleep 0.3
		done
	done
	echo "127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}" >"$dir/addrs"
	echo "clickhouse: two shards on 127.0.0.1:${ports[0]} and 127.0.0.1:${ports[1]} (cluster tradetrace); addresses in $dir/addrs"
}

stop() {
	for d in "$dir"/shard*; do
		[ -d "$d" ] || continue
		for f in "$d/server.pid" "$d/launcher.pid"; do
			[ -f "$f" ] || continue
			local pid
			pid=$(cat "$f")
			if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
				kill "$pid" 2>/dev/null || true
				for _ in $(seq 1 50); do
					kill -0 "$pid" 2>/dev/null || break
					sleep 0.1
				done
				kill -9 "$pid" 2>/dev/null || true
			fi
		done
	done
	rm -rf "$dir"
}

status() {
	[ -f "$dir/addrs" ] || { echo "clickhouse: not started in $dir"; exit 1; }
	echo "addresses: $(cat "$dir/addrs")"
	for p in "${ports[@]}"; do
		if answers "$p"; then echo "127.0.0.1:$p answers"; else echo "127.0.0.1:$p does not answer"; fi
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
*)
	echo "usage: scripts/clickhouse.sh start|stop|status" >&2
	exit 2
	;;
esac
