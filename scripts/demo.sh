#!/usr/bin/env bash
# The demo's steps on one store: scripts/demo.sh BIN DIR ROWS DB ADDR SHARED
#   a sample of ROWS rows in DIR/sample, ingested into DB (a DuckDB file or clickhouse://host:port/db), the
#   lists of SHARED/data/lists loaded, parties resolved and screened, the detectors run, the top cases printed,
#   and the workbench served on ADDR.
set -euo pipefail
bin=$1 dir=$2 rows=$3 db=$4 addr=$5 shared=$6
"$bin" sample --rows "$rows" --out "$dir/sample"
"$bin" --db "$db" ingest "$dir"/sample/*.csv*
"$bin" --db "$db" lists load "$shared/data/lists"
"$bin" --db "$db" parties resolve
"$bin" --db "$db" screen --parties
"$bin" --db "$db" detect --top 30
"$bin" --db "$db" cases --top 20 --no-build
index=()
case "$db" in clickhouse://*) ;; *) index=(--index) ;; esac
exec "$bin" --db "$db" serve "${index[@]}" --addr "$addr"
