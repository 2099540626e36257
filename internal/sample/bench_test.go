package sample

import (
	"context"
	"testing"
)

// BenchmarkGenerate measures generation speed on one core: b.N runs of 200,000 rows, written to disk
// as plain CSV. The rows/s metric is what matters (10 million rows need 10e6 / rows-per-second seconds).
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	const rows = 200_000
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Generate(context.Background(), Config{Dir: dir, Rows: rows, Seed: uint64(i), Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
