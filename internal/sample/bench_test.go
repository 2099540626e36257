package sample

import (
	"context"
	"testing"

	"tradetrace/internal/rusage"
)

// BenchmarkGenerate measures generation on one worker: each op writes a 200,000-row sample as plain CSV.
// rows/s is wall-clock throughput; rows/cpu-s divides by the CPU time the process used (user + system),
// which stays meaningful on a busy machine. Ten million rows take 10e6 / rows-per-second seconds.
func BenchmarkGenerate(b *testing.B) {
	benchGenerate(b, 200_000, 1, false)
}

// BenchmarkGenerateGzip is the same with gzip output (fastest level).
func BenchmarkGenerateGzip(b *testing.B) {
	benchGenerate(b, 200_000, 1, true)
}

func benchGenerate(b *testing.B, rows int64, workers int, gz bool) {
	dir := b.TempDir()
	cpu0 := rusage.CPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg := Config{Dir: dir, Rows: rows, Seed: uint64(i), Workers: workers, Gzip: gz}
		if _, err := Generate(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	total := float64(rows) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "rows/s")
	if cpu := rusage.CPU() - cpu0; cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "rows/cpu-s")
	}
}
