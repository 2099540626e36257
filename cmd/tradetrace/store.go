package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
	"tradetrace/internal/web"
)

// coreStore is what ingest, detect, runs and export need of a store: the DuckDB store and the ClickHouse store
// (internal/clickhouse) both satisfy it, and internal/storetest holds them to the same contract.
type coreStore interface {
	ingest.Store
	detect.Source
	detect.Sink
	Runs(ctx context.Context, limit int) ([]trade.Run, error)
	Rejections(ctx context.Context, run trade.RunID, limit int) ([]trade.Rejection, error)
	Findings(ctx context.Context, f duckdb.FindingFilter) ([]trade.Finding, error)
	ExportCanonical(ctx context.Context, path string) (int64, error)
	Close() error
}

// duckMemoryLimit is DuckDB's memory limit in every command. Measured on the 10M-row sample (detect --force,
// /usr/bin/time): at 2 GB a detect run peaked at 4.47 GiB, at 1.5 GB at 3.79–4.00 GiB, at 1.25 GB at 3.57 GiB,
// the detectors as fast at each (272–289 s in all, the machine's noise). DuckDB's buffers, not the queries, took
// the memory: the military detector had also run faster at 1.5 GB (25 s) than at 3 GB (32 s).
const duckMemoryLimit = "1.25GB"

// duckMemory is DuckDB's memory limit: TRADETRACE_DUCKDB_MEMORY (a DuckDB size, such as "6GB") when set, for
// machines with memory to spare, else duckMemoryLimit.
func duckMemory() string {
	if m := os.Getenv("TRADETRACE_DUCKDB_MEMORY"); m != "" {
		return m
	}
	return duckMemoryLimit
}

func isClickHouse(db string) bool { return strings.HasPrefix(db, "clickhouse://") }

// openCoreStore opens the store the --db flag names, DuckDB or ClickHouse, for the commands that both serve.
func openCoreStore(ctx context.Context, cfg *config) (coreStore, error) {
	return openCoreStoreWith(ctx, cfg, duckdb.Config{MemoryLimit: duckMemory()})
}

// openCoreStoreWith is openCoreStore with the DuckDB store's configuration.
func openCoreStoreWith(ctx context.Context, cfg *config, dc duckdb.Config) (coreStore, error) {
	if isClickHouse(cfg.db) {
		return clickhouse.Open(ctx, cfg.db)
	}
	return duckdb.Open(ctx, cfg.db, dc)
}

// openFor opens the store the --db flag names, DuckDB or ClickHouse, as what a command needs of it (an interface
// of the command's file that includes Close). A store that lacks part of it is closed and named in the error.
func openFor[T any](ctx context.Context, cfg *config, command string) (T, error) {
	var zero T
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return zero, err
	}
	t, ok := st.(T)
	if !ok {
		st.Close()
		return zero, fmt.Errorf("%s: the %s store cannot serve this command yet", command, storeKind(cfg.db))
	}
	return t, nil
}

func storeKind(db string) string {
	if isClickHouse(db) {
		return "ClickHouse"
	}
	return "DuckDB"
}

// Both stores serve every command that takes an interface: these fail to compile when one falls behind.
var (
	_ partiesStore = (*clickhouse.DB)(nil)
	_ casesStore   = (*clickhouse.DB)(nil)
	_ triageStore  = (*clickhouse.DB)(nil)
	_ goodsStore   = (*clickhouse.DB)(nil)
	_ routeStore   = (*clickhouse.DB)(nil)
	_ goodsReader  = (*clickhouse.DB)(nil)
	_ detect.State = (*clickhouse.DB)(nil)
	_ listsStore   = (*clickhouse.DB)(nil)
	_ screenStore  = (*clickhouse.DB)(nil)
	_ namesStore   = (*clickhouse.DB)(nil)
	_ web.Store    = (*clickhouse.DB)(nil)
	_ partiesStore = (*duckdb.DB)(nil)
	_ casesStore   = (*duckdb.DB)(nil)
	_ triageStore  = (*duckdb.DB)(nil)
	_ goodsStore   = (*duckdb.DB)(nil)
	_ routeStore   = (*duckdb.DB)(nil)
	_ goodsReader  = (*duckdb.DB)(nil)
	_ detect.State = (*duckdb.DB)(nil)
	_ listsStore   = (*duckdb.DB)(nil)
	_ screenStore  = (*duckdb.DB)(nil)
	_ namesStore   = (*duckdb.DB)(nil)
)
