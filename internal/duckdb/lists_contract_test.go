package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

var _ storetest.ListsStore = (*duckdb.DB)(nil)

// TestListsContract runs the lists contract on DuckDB files.
func TestListsContract(t *testing.T) {
	storetest.RunLists(t, func(t *testing.T) storetest.ListsStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "lists.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
