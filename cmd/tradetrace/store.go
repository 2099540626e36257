package main

import (
	"context"
	"fmt"
	"strings"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
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

func isClickHouse(db string) bool { return strings.HasPrefix(db, "clickhouse://") }

// openCoreStore opens the store the --db flag names, DuckDB or ClickHouse, for the commands that both serve.
func openCoreStore(ctx context.Context, cfg *config) (coreStore, error) {
	if isClickHouse(cfg.db) {
		return clickhouse.Open(ctx, cfg.db)
	}
	return duckdb.Open(ctx, cfg.db, duckdb.Config{MemoryLimit: "3GB"})
}

// openStore opens the DuckDB store the --db flag names, for the commands that only it serves so far.
func openStore(ctx context.Context, cfg *config) (*duckdb.DB, error) {
	if isClickHouse(cfg.db) {
		return nil, fmt.Errorf("this command needs a DuckDB store for now; with ClickHouse, ingest, detect, runs and export work")
	}
	return duckdb.Open(ctx, cfg.db, duckdb.Config{MemoryLimit: "3GB"})
}
