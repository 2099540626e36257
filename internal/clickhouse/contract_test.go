package clickhouse_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/storetest"
)

var dbSeq atomic.Int64

// testURL returns the URL of a new, empty database on the cluster that TRADETRACE_CH_ADDRS names (as
// scripts/clickhouse.sh start writes it), dropped on every shard when the test ends; without the variable the
// test is skipped.
func testURL(t testing.TB, query string) string {
	t.Helper()
	addrs := os.Getenv("TRADETRACE_CH_ADDRS")
	if addrs == "" {
		t.Skip("SKIPPED: TRADETRACE_CH_ADDRS is not set: start ClickHouse with scripts/clickhouse.sh start and export TRADETRACE_CH_ADDRS=$(cat /tmp/tradetrace-clickhouse/addrs)")
	}
	name := fmt.Sprintf("tt_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, dbSeq.Add(1))
	t.Cleanup(func() {
		for _, a := range strings.Split(addrs, ",") {
			c, err := ch.Open(&ch.Options{Addr: []string{a}})
			if err != nil {
				continue
			}
			_ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name)
			c.Close()
		}
	})
	u := "clickhouse://" + strings.Split(addrs, ",")[0] + "/" + name
	if query != "" {
		u += "?" + query
	}
	return u
}

// TestContract runs the store contract on the ClickHouse cluster.
func TestContract(t *testing.T) {
	if os.Getenv("TRADETRACE_CH_ADDRS") == "" {
		testURL(t, "") // skips, saying why
	}
	storetest.Run(t, func(t *testing.T) storetest.Store {
		d, err := clickhouse.Open(context.Background(), testURL(t, ""))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		if n := len(d.Shards()); n < 2 && os.Getenv("TRADETRACE_CH_ADDRS") != "" && strings.Contains(os.Getenv("TRADETRACE_CH_ADDRS"), ",") {
			t.Fatalf("the cluster has %d shard(s), want the two of TRADETRACE_CH_ADDRS", n)
		}
		return d
	})
}
