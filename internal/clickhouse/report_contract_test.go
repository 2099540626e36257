package clickhouse_test

import (
	"os"
	"testing"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
)

// chReports is a ClickHouse store giving its report source as the contract's interface.
type chReports struct{ *clickhouse.DB }

func (d chReports) ReportSource() storetest.ReportSource { return d.Reports() }

var _ storetest.ReportSource = (*clickhouse.ReportSource)(nil)

// TestReportsContract runs the contract of the reports' and exports' reads on the ClickHouse cluster.
func TestReportsContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunReports(t, func(t *testing.T) storetest.ReportsStore { return chReports{openCH(t)} })
}
