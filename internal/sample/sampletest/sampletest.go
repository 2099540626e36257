// Package sampletest sets up what many tests need: a generated sample in the real layouts, ingested into a new
// DuckDB store in a temporary folder.
package sampletest

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/sample"
)

// Store generates a sample of the given rows and seed into t's temporary folder and ingests every file of it
// but the last skip ones (tests that ingest them later find them in the manifest) into a new store, closed when
// the test ends. It returns the store, the sample's manifest and the folder holding its files.
func Store(t testing.TB, rows int64, seed uint64, skip int) (*duckdb.DB, sample.Manifest, string) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	sdir := filepath.Join(dir, "sample")
	m, err := sample.Generate(ctx, sample.Config{Dir: sdir, Rows: rows, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range m.Files[:len(m.Files)-skip] {
		if _, err := ingest.File(ctx, st, filepath.Join(sdir, f.Name), ingest.Options{Profile: f.Profile}); err != nil {
			t.Fatal(err)
		}
	}
	return st, m, sdir
}
