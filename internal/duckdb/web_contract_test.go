package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// TestWebContract runs the workbench's contract on a DuckDB file.
func TestWebContract(t *testing.T) {
	storetest.RunWeb(t, func(t *testing.T) storetest.WebStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "web.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
