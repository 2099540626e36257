package clickhouse_test

import (
	"context"
	"os"
	"testing"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
)

// TestScansContract runs the contract of the detectors' reads on the ClickHouse cluster.
func TestScansContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunScans(t, func(t *testing.T) storetest.ScansStore {
		d, err := clickhouse.Open(context.Background(), testURL(t, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
