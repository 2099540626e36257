# tradetrace: `make demo` builds, generates the sample, ingests it, loads the lists, resolves and screens the
# parties, runs the detectors, builds the cases and serves the workbench on 127.0.0.1:8080; `make test` runs every
# test. Each target installs what it needs.

# Go lives in /usr/local/go on the machines this runs on; installed tools go to GOPATH/bin.
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO        ?= go
BIN       := bin/tradetrace
VERSION   := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK_VERSION := v0.8.2
GOBIN     := $(shell $(GO) env GOPATH)/bin
# The DuckDB driver's Arrow interface is built only with the duckdb_arrow tag: with it, ingest hands DuckDB its
# rows as Arrow batches (internal/duckdb/arrow.go); without it, as text, more slowly. Every go command here
# builds with it; `unit` and `vet` also check the package built without it.
GOFLAGS   ?= -tags=duckdb_arrow
export GOFLAGS
DEMO_DIR  ?= demo
DEMO_ROWS ?= 200000
DEMO_DB   ?= $(DEMO_DIR)/tradetrace.duckdb
DEMO_ADDR ?= 127.0.0.1:8080
# The shared brief's data folder (lists, benchmarks), beside the repository.
SHARED    ?= ../shared
# Packages whose code runs goroutines: the race detector runs on these.
RACE_PKGS := ./internal/par/... ./internal/ingest/... ./internal/detect/... ./internal/duckdb/... ./internal/party/... ./internal/cases/... ./internal/screen/... ./internal/web/...

.PHONY: all build web demo demo-clickhouse test vet staticcheck race unit fuzz web-test report-test clickhouse-test bench bench-goods bench-names bench-web tools clean

all: build

build: web
	@scripts/install-deps.sh go
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/tradetrace

# The demo: a sample of DEMO_ROWS rows (make demo DEMO_ROWS=1000000 for a bigger one).
demo: build
	rm -rf $(DEMO_DIR)
	scripts/demo.sh $(BIN) $(DEMO_DIR) $(DEMO_ROWS) $(DEMO_DB) $(DEMO_ADDR) $(SHARED)

# The same demo on ClickHouse: two local servers as the two shards of a cluster (installed when missing, stopped
# when the demo ends), the store in their database "tradetrace".
demo-clickhouse: build
	rm -rf $(DEMO_DIR)
	CH_DIR=$(abspath $(DEMO_DIR))/clickhouse scripts/clickhouse.sh start
	trap 'CH_DIR=$(abspath $(DEMO_DIR))/clickhouse scripts/clickhouse.sh stop' EXIT INT TERM; \
		scripts/demo.sh $(BIN) $(DEMO_DIR) $(DEMO_ROWS) clickhouse://127.0.0.1:9000/tradetrace $(DEMO_ADDR) $(SHARED)

# The workbench's JavaScript bundle (echarts, cytoscape), fetched from npm with the lockfile and built by vite
# into internal/web/static/dist, which the binary embeds.
web:
	@scripts/web-build.sh

test: tools vet staticcheck unit race fuzz report-test web-test clickhouse-test

tools:
	@scripts/install-deps.sh go
	@test -x $(GOBIN)/staticcheck && $(GOBIN)/staticcheck -version | grep -q "$(STATICCHECK_VERSION:v%=%)" || \
		GOFLAGS= $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

vet:
	$(GO) vet ./...
	GOFLAGS= $(GO) vet ./internal/duckdb/

staticcheck: tools
	$(GOBIN)/staticcheck ./...

unit:
	$(GO) test -count=1 ./...
	GOFLAGS= $(GO) test -count=1 ./internal/duckdb/

# -short leaves out the tests that generate a whole sample: under the race detector they take too long.
race:
	$(GO) test -count=1 -race -short $(RACE_PKGS)

# Case reports as PDF through Debian's Chromium (installed when missing), and the exports.
report-test:
	scripts/report-test.sh

# The browser test: playwright-core drives Debian's Chromium through the reference case on a sample store.
web-test:
	scripts/web-test.sh

# The store contract suite and the fault tests on a two-shard ClickHouse on loopback (started and stopped here).
clickhouse-test:
	scripts/clickhouse-test.sh

# A short run of every fuzz target (the seed corpora always run as part of `unit`).
FUZZTIME ?= 5s
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

bench: build
	SHARED=$(SHARED) scripts/bench.sh

# The goods issue's measures: the KCS inspection ranking, the description classifier's accuracy and throughput.
bench-goods:
	scripts/bench-goods.sh

# The name engine's benchmarks beside logic-v2's frozen scores, and screening speed with every list loaded.
bench-names:
	SHARED_DATA=$(SHARED)/data scripts/bench-names.sh

# 16 concurrent clients on party, search and shipment pages of the demo store (make demo first, then stop it).
bench-web: build
	scripts/bench-web.sh $(DEMO_DB) 30s 16

clean:
	rm -rf bin $(DEMO_DIR)
