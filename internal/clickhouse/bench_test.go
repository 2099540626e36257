package clickhouse_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/clickhouse"
	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// BenchmarkStores ingests the sample files in TRADETRACE_BENCH_SAMPLE (the *.csv* files that `tradetrace
// sample` writes) into a new DuckDB store and, when TRADETRACE_CH_ADDRS is set, into a new ClickHouse database,
// then times on each a full scan, a filtered scan and the military-goods detector, and prints the two side by
// side.
//
//	TRADETRACE_BENCH_SAMPLE=/tmp/coord/sample TRADETRACE_CH_ADDRS=$(cat /tmp/tradetrace-clickhouse/addrs) \
//	  go test -run '^$' -bench BenchmarkStores -benchtime 1x ./internal/clickhouse/
func BenchmarkStores(b *testing.B) {
	dir := os.Getenv("TRADETRACE_BENCH_SAMPLE")
	if dir == "" {
		b.Skip("TRADETRACE_BENCH_SAMPLE is not set: a directory of sample files (tradetrace sample --out DIR)")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv*"))
	sort.Strings(files)
	if len(files) == 0 {
		b.Fatalf("no *.csv* files in %s", dir)
	}
	type result struct {
		name                             string
		rows                             int64
		ingest, scan, filtered, military time.Duration
		findings                         int
	}
	var results []result
	measure := func(name string, st storetest.Store) {
		ctx := context.Background()
		r := result{name: name}
		start := time.Now()
		for _, f := range files {
			res, err := ingest.File(ctx, st, f, ingest.Options{})
			if err != nil {
				b.Fatalf("%s: %v", name, err)
			}
			r.rows += res.Run.Read
		}
		r.ingest = time.Since(start)
		start = time.Now()
		var n int64
		if err := st.ScanShipments(ctx, detect.Filter{}, func(*trade.Shipment) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		r.scan = time.Since(start)
		start = time.Now()
		filt := detect.Filter{HSPrefixes: []string{"84", "85", "88", "90", "93"}, Countries: countries("RU", "BY", "KZ", "KG", "AM"), From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}
		var m int64
		if err := st.ScanShipments(ctx, filt, func(*trade.Shipment) error { m++; return nil }); err != nil {
			b.Fatal(err)
		}
		r.filtered = time.Since(start)
		start = time.Now()
		reps, err := detect.Run(ctx, st, st, []detect.Detector{detect.Military{Classify: detect.ClassifyGoods}})
		if err != nil {
			b.Fatal(err)
		}
		r.military = time.Since(start)
		r.findings = reps[0].Findings
		b.Logf("%s: %d rows scanned, %d after the filter", name, n, m)
		results = append(results, r)
	}
	for i := 0; i < b.N; i++ {
		results = results[:0]
		d, err := duckdb.Open(context.Background(), filepath.Join(b.TempDir(), "bench.duckdb"), duckdb.Config{MemoryLimit: "3GB"})
		if err != nil {
			b.Fatal(err)
		}
		measure("duckdb", d)
		d.Close()
		if os.Getenv("TRADETRACE_CH_ADDRS") != "" {
			c, err := clickhouse.Open(context.Background(), testURL(b, ""))
			if err != nil {
				b.Fatal(err)
			}
			measure(fmt.Sprintf("clickhouse (%d shards)", len(c.Shards())), c)
			c.Close()
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%-24s %10s %12s %12s %12s %12s %14s %9s\n", "store", "rows", "ingest", "rows/s", "full scan", "filtered", "military det.", "findings")
	for _, r := range results {
		fmt.Fprintf(&sb, "%-24s %10d %12s %12.0f %12s %12s %14s %9d\n", r.name, r.rows, r.ingest.Round(time.Millisecond),
			float64(r.rows)/r.ingest.Seconds(), r.scan.Round(time.Millisecond), r.filtered.Round(time.Millisecond), r.military.Round(time.Millisecond), r.findings)
	}
	fmt.Print(sb.String())
}

func countries(cs ...string) []country.Code {
	out := make([]country.Code, len(cs))
	for i, c := range cs {
		out[i] = country.Code(c)
	}
	return out
}
