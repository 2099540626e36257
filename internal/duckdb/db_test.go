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
