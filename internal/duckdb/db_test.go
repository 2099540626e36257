package duckdb

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOpenConfig: each field of Config becomes DuckDB's setting, and an empty Config keeps DuckDB's defaults
// (no memory kept for blocks).
func TestOpenConfig(t *testing.T) {
	ctx := context.Background()
	settings := func(cfg Config) map[string]string {
		t.Helper()
		d, err := Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		got := map[string]string{}
		for _, name := range []string{"memory_limit", "block_allocator_memory", "threads"} {
			var v string
			if err := d.db.QueryRowContext(ctx, `SELECT current_setting(?)::VARCHAR`, name).Scan(&v); err != nil {
				t.Fatal(err)
			}
			got[name] = v
		}
		return got
	}
	def := settings(Config{})
	if def["block_allocator_memory"] != "0 bytes" {
		t.Errorf("block_allocator_memory without BlockMemory = %q, want DuckDB's default 0 bytes", def["block_allocator_memory"])
	}
	set := settings(Config{MemoryLimit: "512MiB", BlockMemory: "256MiB", Threads: 1})
	for name, want := range map[string]string{"memory_limit": "512.0 MiB", "block_allocator_memory": "256.0 MiB", "threads": "1"} {
		if set[name] != want {
			t.Errorf("%s = %q, want %q (DuckDB's default %q)", name, set[name], want, def[name])
		}
	}
}

// TestOpenDropsRunViews: a store opened again has no view of a run's Arrow rows left (a killed ingest leaves
// one in the file, pointing at the dead process's memory), and keeps the other views.
func TestOpenDropsRunViews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.duckdb")
	d, err := Open(ctx, path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE VIEW tt_run_7_rows AS SELECT 1 AS x`, `CREATE VIEW tt_runner_rows AS SELECT 2 AS x`, `CREATE VIEW mine AS SELECT 3 AS x`} {
		if _, err := d.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if d, err = Open(ctx, path, Config{}); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var got []string
	if err := d.eachRowSQL(ctx, func(r rowScanner) error {
		var v string
		err := r.Scan(&v)
		got = append(got, v)
		return err
	}, `SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name`); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "mine" || got[1] != "tt_runner_rows" {
		t.Errorf("views after reopening: %q, want mine and tt_runner_rows", got)
	}
}
