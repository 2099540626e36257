#!/usr/bin/env bash
# Installs the system packages a target needs, once. Usage: install-deps.sh go|browser|clickhouse
set -euo pipefail
need=()
case "${1:-go}" in
go)
	command -v gcc >/dev/null || need+=(gcc)
	command -v git >/dev/null || need+=(git)
	;;
esac
if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! command -v go >/dev/null; then
	if [ -x /usr/local/go/bin/go ]; then
		echo "go is at /usr/local/go/bin: add it to PATH" >&2
	else
		echo "Go 1.26 is required (https://go.dev/dl)" >&2
	fi
	exit 1
fi
