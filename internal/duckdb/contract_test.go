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
	storetest.Run(t, openContractStore)
}

func openContractStore(t *testing.T) storetest.Store {
	d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "contract.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestContractSmallChunks runs the store contract with the loader's chunks three rows long, so that every run of
// it loads in several chunks: duplicates are found chunk by chunk, a run in progress stays invisible while its
// chunks load, and an aborted run leaves nothing of them.
func TestContractSmallChunks(t *testing.T) {
	defer duckdb.SetChunkRows(3)()
	storetest.Run(t, openContractStore)
}
