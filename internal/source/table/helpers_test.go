package table

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// row is a Record reduced to what tests compare.
type row struct {
	Row    int64
	Line   int64
	Fields []string
	Reason Reason
}

// readRows reads all records of r.
func readRows(t testing.TB, r *Reader) []row {
	t.Helper()
	var rows []row
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return rows
		}
		if err != nil {
			t.Fatalf("Next() error = %v", err)
		}
		out := row{Row: rec.Row, Line: rec.Line, Fields: slices.Clone(rec.Fields)} // ReuseRecord shares the slice
		if rec.Err != nil {
			var re *RowError
			if !errors.As(rec.Err, &re) {
				t.Fatalf("Record.Err = %T %v, want *RowError", rec.Err, rec.Err)
			}
			out.Reason = re.Reason
			out.Fields = nil // not data; tests that care look at Record directly
		}
		rows = append(rows, out)
	}
}

// openString opens content as a file called name.
func openString(t testing.TB, name, content string, opt Options) *Reader {
	t.Helper()
	r, err := New(strings.NewReader(content), name, opt)
	if err != nil {
		t.Fatalf("New(%q) error = %v", name, err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// ok builds an expected good row.
func ok(rowNum, line int64, fields ...string) row {
	return row{Row: rowNum, Line: line, Fields: fields}
}

// bad builds an expected row error.
func bad(rowNum, line int64, reason Reason) row {
	return row{Row: rowNum, Line: line, Reason: reason}
}
