package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// TestContract runs the store contract on DuckDB files.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "contract.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
