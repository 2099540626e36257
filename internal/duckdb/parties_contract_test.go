package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

var _ storetest.PartiesStore = (*duckdb.DB)(nil)

// TestPartiesContract runs the parties contract on DuckDB files.
func TestPartiesContract(t *testing.T) {
	storetest.RunParties(t, func(t *testing.T) storetest.PartiesStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "parties.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
