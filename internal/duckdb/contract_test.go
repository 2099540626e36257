package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// TestContract runs the store contract on DuckDB files, whose runs stream to the store (as Arrow batches when
// built with the duckdb_arrow tag, else through a pipe).
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
// it loads in several chunks: duplicates of earlier runs are found among all of them, a run in progress stays
// invisible while its chunks load, and an aborted run leaves nothing of them.
func TestContractSmallChunks(t *testing.T) {
	defer duckdb.SetChunkRows(3)()
	storetest.Run(t, openContractStore)
}

// TestContractInMemory runs the store contract on an in-memory store, whose one connection a run's transaction
// must not hold while the run is read: a scan during a run would wait for ever.
func TestContractInMemory(t *testing.T) {
	defer duckdb.SetChunkRows(3)()
	storetest.Run(t, func(t *testing.T) storetest.Store {
		d, err := duckdb.Open(context.Background(), "", duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
