package clickhouse_test

import (
	"context"
	"os"
	"testing"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
	"tradetrace/internal/web"
)

// The ClickHouse store serves the workbench. (The assertion lives here: the store does not import the web
// package, adapters do not import each other.)
var _ web.Store = (*clickhouse.DB)(nil)

// openWeb opens a new, empty store on the test cluster.
func openWeb(t *testing.T) *clickhouse.DB {
	t.Helper()
	d, err := clickhouse.Open(context.Background(), testURL(t, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestWebContract runs the workbench's contract on the ClickHouse cluster.
func TestWebContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.RunWeb(t, func(t *testing.T) storetest.WebStore { return openWeb(t) })
}
