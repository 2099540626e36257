#!/usr/bin/env bash
# make bench-goods: the goods issue's measures, in one run on this machine.
#  1. the learned inspection ranking on the Korea Customs Service test split (trained on train+valid, earlier
#     months only): precision and recall at 1%, 5% and 10% for Fraud and Critical Fraud;
#  2. the description classifier on the hand-written cases and on the held-out set (class and HS chapter
#     accuracy per language);
#  3. the classifier's throughput on one core and on every core (cpu-s/10M is the CPU time of 10M descriptions).
# The end-to-end measure over a 10M-row store (reading the text out of DuckDB included) is BenchmarkClassifyStore
# in `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== KCS test split"
go test -run '^$' -bench '^BenchmarkKCS$' -benchtime 1x -timeout 60m ./internal/rank/ | grep -vE '^(goos|goarch|pkg|cpu):' || status=1
echo "== descriptions: hand-written cases and held-out set"
go test -count=1 -run '^(TestDescriptions|TestHeldOut)$' -v ./internal/goods/ | grep -vE '^(=== RUN|PASS$|ok )' || status=1
echo "== classifier throughput"
go test -run '^$' -bench '^BenchmarkClassify(Parallel)?$' -benchtime 3s ./internal/goods/ | grep -vE '^(goos|goarch|pkg|cpu):' || status=1
exit $status
