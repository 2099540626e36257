package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// TestScansContract runs the contract of the detectors' reads on DuckDB files.
func TestScansContract(t *testing.T) {
	storetest.RunScans(t, func(t *testing.T) storetest.ScansStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "scans.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
