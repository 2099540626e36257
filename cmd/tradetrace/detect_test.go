package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

type namedDetector string

func (d namedDetector) Name() string    { return string(d) }
func (d namedDetector) Version() string { return "1" }
func (d namedDetector) Detect(context.Context, detect.Source) ([]trade.Finding, error) {
	return nil, nil
}

// TestDetectorsOrder: the DuckDB store feeds every detector; the listed parties, light, stand before the
// chains, beside which they run, and the order is otherwise that of the families.
func TestDetectorsOrder(t *testing.T) {
	st, err := duckdb.Open(context.Background(), "", duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log strings.Builder
	ds := detectors(st, &log, false)
	var names []string
	for _, d := range ds {
		names = append(names, d.Name())
	}
	want := "military_goods,misdeclared_goods,unit_value,transshipment,listed_party,transshipment_chain,importer_red_flags,front_company"
	if got := strings.Join(names, ","); got != want || log.Len() > 0 {
		t.Errorf("detectors %s (log %q), want %s and no log", got, log.String(), want)
	}
	for _, d := range ds {
		l, ok := d.(detect.Light)
		if light := ok && l.Light(); light != (d.Name() == "listed_party" || d.Name() == "unit_value" || d.Name() == "importer_red_flags") {
			t.Errorf("%s: light %v", d.Name(), light)
		}
	}
}

func TestPickDetectors(t *testing.T) {
	all := []detect.Detector{namedDetector("a"), namedDetector("b"), namedDetector("c")}
	names := func(ds []detect.Detector) string {
		var s []string
		for _, d := range ds {
			s = append(s, d.Name())
		}
		return strings.Join(s, ",")
	}
	for _, c := range []struct{ only, want string }{
		{"", "a,b,c"},
		{"  ", "a,b,c"},
		{"c,a", "a,c"}, // the usual order, not the list's
		{" b , b ", "b"},
	} {
		got, err := pickDetectors(all, c.only)
		if err != nil {
			t.Fatalf("--only %q: %v", c.only, err)
		}
		if names(got) != c.want {
			t.Errorf("--only %q kept %s, want %s", c.only, names(got), c.want)
		}
	}
	_, err := pickDetectors(all, "b,zz,yy")
	if err == nil || !strings.Contains(err.Error(), "yy, zz") || !strings.Contains(err.Error(), "there are: a, b, c") {
		t.Errorf("unknown names: got error %v, want one naming yy and zz and listing a, b, c", err)
	}
}

func TestStartCPUProfile(t *testing.T) {
	stop, err := startCPUProfile("")
	if err != nil || stop() != nil {
		t.Fatalf("no profile asked: %v", err)
	}
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	if stop, err = startCPUProfile(path); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile is not a gzip-compressed pprof file (%d bytes, %v)", len(b), err)
	}
	if _, err := startCPUProfile(filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.pprof")); err == nil {
		t.Error("a profile path that cannot be created gave no error")
	}
}

// TestDetectStoreConfig: detect keeps as much memory for DuckDB's blocks as DuckDB's memory limit, also when
// TRADETRACE_DUCKDB_MEMORY sets that limit.
func TestDetectStoreConfig(t *testing.T) {
	t.Setenv("TRADETRACE_DUCKDB_MEMORY", "")
	if got, want := detectStoreConfig(), (duckdb.Config{MemoryLimit: duckMemoryLimit, BlockMemory: duckMemoryLimit}); got != want {
		t.Errorf("detectStoreConfig() = %+v, want %+v", got, want)
	}
	t.Setenv("TRADETRACE_DUCKDB_MEMORY", "6GB")
	if got, want := detectStoreConfig(), (duckdb.Config{MemoryLimit: "6GB", BlockMemory: "6GB"}); got != want {
		t.Errorf("with TRADETRACE_DUCKDB_MEMORY=6GB: detectStoreConfig() = %+v, want %+v", got, want)
	}
}
