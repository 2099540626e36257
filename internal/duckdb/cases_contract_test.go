package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// TestCasesContract runs the contract of cases, triage and detector state on DuckDB files.
func TestCasesContract(t *testing.T) {
	storetest.RunCases(t, func(t *testing.T) storetest.CasesStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "cases.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
