package clickhouse_test

import (
	"context"
	"os"
	"testing"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
)

var _ storetest.PartiesStore = (*clickhouse.DB)(nil)

// openCH opens a new, empty database on the cluster of TRADETRACE_CH_ADDRS (the test is skipped without it).
func openCH(t *testing.T) *clickhouse.DB {
	t.Helper()
	d, err := clickhouse.Open(context.Background(), testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestPartiesContract runs the parties contract on the ClickHouse cluster.
func TestPartiesContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunParties(t, func(t *testing.T) storetest.PartiesStore { return openCH(t) })
}
