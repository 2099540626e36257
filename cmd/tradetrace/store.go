package main

import (
	"context"
	"fmt"
	"strings"

	"tradetrace/internal/duckdb"
)

// openStore opens the store the --db flag names.
func openStore(ctx context.Context, cfg *config) (*duckdb.DB, error) {
	if strings.HasPrefix(cfg.db, "clickhouse://") {
		return nil, fmt.Errorf("the ClickHouse store is not built yet (issue 7); use a DuckDB file path")
	}
	return duckdb.Open(ctx, cfg.db, duckdb.Config{MemoryLimit: "3GB"})
}
