package duckdb

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// TestQueryLog: with a query log, each query whose rows the store reads writes one line with its rows read and
// its text, spaces collapsed and long text cut; a query that fails before it runs writes none, and without a
// log nothing is timed.
func TestQueryLog(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	d, err := Open(ctx, ":memory:", Config{QueryLog: &buf})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	buf.Reset() // the migrations' reads, if any
	read := func(query string) error {
		return d.eachRowOf(ctx, func(r rowScanner) error {
			var v int64
			return r.Scan(&v)
		}, query)
	}
	if err := read("SELECT i\n\tFROM range(1234) t(i)"); err != nil {
		t.Fatal(err)
	}
	if err := read("SELECT no_such_column FROM range(3)"); err == nil {
		t.Fatal("a query on a missing column ran")
	}
	long := "SELECT 1 AS x " + strings.Repeat("UNION ALL SELECT 1 ", 40)
	if err := read(long); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("log lines: %q, want two", lines)
	}
	line := regexp.MustCompile(`^query ran [0-9.]+s \(process CPU [0-9.]+s\), read ([0-9]+) rows in [0-9.]+s \(process CPU [0-9.]+s\): (.*)$`)
	m := line.FindStringSubmatch(lines[0])
	if m == nil || m[1] != "1234" || m[2] != "SELECT i FROM range(1234) t(i)" {
		t.Errorf("first line %q: want 1234 rows of the query with its spaces collapsed", lines[0])
	}
	m = line.FindStringSubmatch(lines[1])
	if m == nil || m[1] != "41" || !strings.HasSuffix(m[2], "…") || len(m[2]) != queryLogText+len("…") {
		t.Errorf("second line %q: want 41 rows and the text cut at %d bytes", lines[1], queryLogText)
	}
	if qt := (*queryLog)(nil).start("SELECT 1"); qt != nil {
		t.Errorf("a store without a log times its queries: %+v", qt)
	}
}
