package clickhouse_test

import (
	"context"
	"os"
	"testing"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
)

// TestCasesContract runs the contract of cases, triage and detector state on the ClickHouse cluster.
func TestCasesContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunCases(t, func(t *testing.T) storetest.CasesStore {
		d, err := clickhouse.Open(context.Background(), testURL(t, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	})
}
