# tradetrace: `make demo` builds, generates the sample, ingests it, runs the detectors and shows the findings;
# `make test` runs every test. Each target installs what it needs.

# Go lives in /usr/local/go on the machines this runs on; installed tools go to GOPATH/bin.
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO        ?= go
BIN       := bin/tradetrace
VERSION   := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK_VERSION := v0.8.2
GOBIN     := $(shell $(GO) env GOPATH)/bin
DEMO_DIR  ?= demo
DEMO_ROWS ?= 200000
DEMO_DB   ?= $(DEMO_DIR)/tradetrace.duckdb
# Packages whose code runs goroutines: the race detector runs on these.
RACE_PKGS := ./internal/ingest/... ./internal/detect/... ./internal/duckdb/...

.PHONY: all build demo test vet staticcheck race unit fuzz bench tools clean

all: build

build:
	@scripts/install-deps.sh go
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/tradetrace

# The demo: a sample of DEMO_ROWS rows (make demo DEMO_ROWS=1000000 for a bigger one).
demo: build
	rm -rf $(DEMO_DIR)
	$(BIN) sample --rows $(DEMO_ROWS) --out $(DEMO_DIR)/sample
	$(BIN) --db $(DEMO_DB) ingest $(DEMO_DIR)/sample/*.csv*
	$(BIN) --db $(DEMO_DB) detect --top 30

test: tools vet staticcheck unit race fuzz

tools:
	@scripts/install-deps.sh go
	@test -x $(GOBIN)/staticcheck && $(GOBIN)/staticcheck -version | grep -q "$(STATICCHECK_VERSION:v%=%)" || \
		GOFLAGS= $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

vet:
	$(GO) vet ./...

staticcheck: tools
	$(GOBIN)/staticcheck ./...

unit:
	$(GO) test -count=1 ./...

race:
	$(GO) test -count=1 -race $(RACE_PKGS)

# A short run of every fuzz target (the seed corpora always run as part of `unit`).
FUZZTIME ?= 5s
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

bench: build
	scripts/bench.sh

clean:
	rm -rf bin $(DEMO_DIR)
