package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"tradetrace/internal/duckdb"
	"tradetrace/internal/storetest"
)

// duckReports is a DuckDB store giving its report source as the contract's interface.
type duckReports struct{ *duckdb.DB }

func (d duckReports) ReportSource() storetest.ReportSource { return d.Reports() }

var _ storetest.ReportSource = (*duckdb.ReportSource)(nil)

// TestReportsContract runs the contract of the reports' and exports' reads on DuckDB files.
func TestReportsContract(t *testing.T) {
	storetest.RunReports(t, func(t *testing.T) storetest.ReportsStore {
		d, err := duckdb.Open(context.Background(), filepath.Join(t.TempDir(), "reports.duckdb"), duckdb.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return duckReports{d}
	})
}
