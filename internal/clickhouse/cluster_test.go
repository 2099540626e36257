package clickhouse_test

import (
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	ch "github.com/ClickHouse/clickhouse-go/v2"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/ingest"
)

func TestParseURL(t *testing.T) {
	cfg, err := clickhouse.ParseURL("clickhouse://u:p@ch1.example:9440/trade?cluster=prod&lease=30s")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "ch1.example:9440" || cfg.Database != "trade" || cfg.Cluster != "prod" || cfg.User != "u" || cfg.Password != "p" || cfg.Lease.Seconds() != 30 {
		t.Errorf("ParseURL = %+v", cfg)
	}
	cfg, err = clickhouse.ParseURL("clickhouse://127.0.0.1")
	if err != nil || cfg.Addr != "127.0.0.1:9000" || cfg.Database != "tradetrace" || cfg.Cluster != "tradetrace" || cfg.Lease != clickhouse.DefaultLease {
		t.Errorf("ParseURL(defaults) = %+v, %v", cfg, err)
	}
	for _, bad := range []string{"http://x:1/db", "clickhouse:///db", "clickhouse://h:1/db;drop", "clickhouse://h:1/db?cluster=a-b", "clickhouse://h:1/db?lease=-1s"} {
		if _, err := clickhouse.ParseURL(bad); err == nil {
			t.Errorf("ParseURL(%q) accepted", bad)
		}
	}
}

// TestRowsSpreadOverShards checks that a run's shipments and raw rows land on every shard, each raw row on the
// shard of its shipment, and that no staged row stays behind after the commit.
func TestRowsSpreadOverShards(t *testing.T) {
	ctx := context.Background()
	u := testURL(t, "")
	st, err := clickhouse.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if len(st.Shards()) < 2 {
		t.Skipf("SKIPPED: the cluster has %d shard(s); this test needs two", len(st.Shards()))
	}
	_, file, _, _ := runtime.Caller(0)
	res, err := ingest.File(ctx, st, filepath.Join(filepath.Dir(file), "../storetest/testdata/contract_a.csv"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := u[strings.LastIndex(u, "/")+1:]
	var total uint64
	for i, a := range st.Shards() {
		c, err := ch.Open(&ch.Options{Addr: []string{a}, Auth: ch.Auth{Database: db}})
		if err != nil {
			t.Fatal(err)
		}
		var ships, raws, joined, staged uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM shipments_local`).Scan(&ships); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(ctx, `SELECT count() FROM raw_rows_local`).Scan(&raws); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(ctx, `SELECT count() FROM raw_rows_local WHERE id IN (SELECT id FROM shipments_local)`).Scan(&joined); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(ctx, `SELECT count() FROM shipments_stage_local`).Scan(&staged); err != nil {
			t.Fatal(err)
		}
		c.Close()
		t.Logf("shard %d (%s): %d shipments, %d raw rows, %d staged", i+1, a, ships, raws, staged)
		if ships == 0 || raws != ships || joined != ships || staged != 0 {
			t.Errorf("shard %d: %d shipments, %d raw rows (%d of them of its own shipments), %d staged rows; want some shipments, each with its raw row here, none staged", i+1, ships, raws, joined, staged)
		}
		total += ships
	}
	if int64(total) != res.Run.Accepted {
		t.Errorf("the shards hold %d shipments, the run accepted %d", total, res.Run.Accepted)
	}
}
