package duckdb_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/rusage"
	"tradetrace/internal/trade"
)

// The benchmarks below measure the targets on big files that `make bench` prepares (scripts/bench.sh).
// Each runs in its own process so that its peak memory is its own; without the input they skip.

// The benchmarks run with the Go memory limit the command sets (cmd/tradetrace, goMemoryLimit).
func init() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
}

func peakRSSMB() float64 { return float64(rusage.PeakRSS()) / (1 << 20) }

// benchMem is DuckDB's memory limit in the benchmarks: the command's (cmd/tradetrace, duckMemoryLimit), unless
// TRADETRACE_BENCH_MEM says otherwise.
func benchMem() string {
	if m := os.Getenv("TRADETRACE_BENCH_MEM"); m != "" {
		return m
	}
	return "1.25GB" // the commands' limit (cmd/tradetrace duckMemoryLimit)
}

func benchInput(b *testing.B, env string) string {
	p := os.Getenv(env)
	if p == "" {
		b.Skipf("%s is not set (make bench sets it)", env)
	}
	return p
}

// BenchmarkReadCSV is the yardstick: DuckDB's own read_csv of the canonical file into a plain table, every column
// as text (its type detection samples the file and fails on identifiers such as USCC codes that start as digits),
// so DuckDB parses without converting: a yardstick on the fast side.
func BenchmarkReadCSV(b *testing.B) {
	path := benchInput(b, "TRADETRACE_BENCH_CSV")
	for i := 0; i < b.N; i++ {
		db, err := duckdb.Open(context.Background(), filepath.Join(b.TempDir(), "plain.duckdb"), duckdb.Config{MemoryLimit: benchMem()})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var n int64
		if _, err := db.SQL().Exec(`CREATE TABLE plain AS SELECT * FROM read_csv('` + path + `', all_varchar = true)`); err != nil {
			b.Fatal(err)
		}
		if err := db.SQL().QueryRow(`SELECT count(*) FROM plain`).Scan(&n); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.ReportMetric(float64(n)/el.Seconds(), "rows/s")
		b.ReportMetric(el.Seconds(), "s")
		db.Close()
	}
	b.ReportMetric(peakRSSMB(), "peak-MB")
}

// BenchmarkIngest is tradetrace's ingest of the same file into a new store.
func BenchmarkIngest(b *testing.B) {
	path := benchInput(b, "TRADETRACE_BENCH_CSV")
	for i := 0; i < b.N; i++ {
		db, err := duckdb.Open(context.Background(), filepath.Join(b.TempDir(), "t.duckdb"), duckdb.Config{MemoryLimit: benchMem()})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		res, err := ingest.File(context.Background(), db, path, ingest.Options{Profile: "canonical"})
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.ReportMetric(float64(res.Run.Read)/el.Seconds(), "rows/s")
		b.ReportMetric(el.Seconds(), "s")
		db.Close()
	}
	b.ReportMetric(peakRSSMB(), "peak-MB")
}

// BenchmarkDetect runs the first detector, military goods as the command wires it (HS codes, then the stored
// goods readings of the other lines to a watched destination), over a store that holds the big sample. The
// readings must be in place (BenchmarkReadGoods, or tradetrace detect, makes them).
func BenchmarkDetect(b *testing.B) {
	path := benchInput(b, "TRADETRACE_BENCH_DB")
	db, err := duckdb.Open(context.Background(), path, duckdb.Config{MemoryLimit: benchMem()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	n, _, err := db.Counts(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	mil := detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion}
	ok, err := db.TextClasses(context.Background(), mil.ClassifyVersion, detect.Filter{HSPrefixes: []string{"none"}}, func(trade.ShipmentID, []detect.TextClass) error { return nil })
	if err != nil || !ok {
		b.Fatalf("the store's goods readings are missing or stale (%v): run BenchmarkReadGoods first", err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := detect.Run(context.Background(), db, db, []detect.Detector{mil}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s")
	}
	b.ReportMetric(float64(n), "shipments")
	b.ReportMetric(peakRSSMB(), "peak-MB")
}

// BenchmarkReadGoods classifies the description, English description, brand and maker of every line of the
// store on every core and stores the readings, from scratch (the readings already stored are dropped first): the
// goods issue's "classifying 10M descriptions", measured end to end, reading out of the store and writing back
// included. tradetrace detect does this once for each new ingest run.
func BenchmarkReadGoods(b *testing.B) {
	path := benchInput(b, "TRADETRACE_BENCH_DB")
	db, err := duckdb.Open(context.Background(), path, duckdb.Config{MemoryLimit: benchMem()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.SQL().Exec(`DELETE FROM goods_runs`); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		runs, err := db.ReadGoods(context.Background(), detect.GoodsReaderVersion, detect.ClassifyGoods, nil)
		if err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		var lines, hits int64
		for _, r := range runs {
			lines, hits = lines+r.Lines, hits+r.Hits
		}
		b.ReportMetric(el.Seconds(), "s")
		b.ReportMetric(float64(lines)/el.Seconds(), "lines/s")
		b.ReportMetric(float64(lines), "lines")
		b.ReportMetric(float64(hits), "controlled")
	}
	b.ReportMetric(peakRSSMB(), "peak-MB")
}
