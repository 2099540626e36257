package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"runtime/debug"
	"testing"
	"time"

	"tradetrace/internal/rusage"
)

// BenchmarkDetectAll runs every detector over the store in TRADETRACE_BENCH_DB as `tradetrace detect --force`
// does (make bench points it at the 10M-row store), twice, and fails when the second run's findings are not
// those of the first. It reports each run's seconds and CPU seconds, the process's peak memory and the number of
// findings, and prints each run's log (every detector's time and CPU time).
func BenchmarkDetectAll(b *testing.B) {
	path := os.Getenv("TRADETRACE_BENCH_DB")
	if path == "" {
		b.Skip("TRADETRACE_BENCH_DB names no store (make bench sets it)")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit) // as main does
	}
	ctx := context.Background()
	findings := func() []uint64 {
		h := &lineHasher{}
		if err := run(ctx, []string{"--db", path, "detect", "--no-run", "--format", "json"}, h, os.Stderr); err != nil {
			b.Fatal(err)
		}
		return h.sums
	}
	for i := 0; i < b.N; i++ {
		var runs [2][]uint64
		for r := range runs {
			var log bytes.Buffer
			start, cpu := time.Now(), rusage.CPU()
			if err := run(ctx, []string{"--db", path, "detect", "--force", "--top", "0"}, &bytes.Buffer{}, &log); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), fmt.Sprintf("s-run%d", r+1))
			// CPU time varies less than wall-clock time on a shared machine: what a change saved shows in it first.
			b.ReportMetric((rusage.CPU() - cpu).Seconds(), fmt.Sprintf("cpu-s-run%d", r+1))
			fmt.Fprintf(os.Stderr, "run %d:\n%s", r+1, log.String()) // each detector's time
			runs[r] = findings()
		}
		diff := 0
		for k := range runs[0] {
			if k >= len(runs[1]) || runs[0][k] != runs[1][k] {
				diff++
			}
		}
		if diff > 0 || len(runs[0]) != len(runs[1]) {
			b.Errorf("a re-run changed %d of %d findings (%d after it)", diff, len(runs[0]), len(runs[1]))
		}
		b.ReportMetric(float64(len(runs[0])), "findings")
	}
	if p := rusage.PeakRSS(); p > 0 {
		b.ReportMetric(float64(p)/(1<<20), "peak-MB")
	}
}

// lineHasher hashes each line written to it, less its first field (the finding's id, which each run numbers anew),
// so that two runs' findings compare without holding a gigabyte of JSON.
type lineHasher struct {
	part []byte
	sums []uint64
}

func (h *lineHasher) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			h.part = append(h.part, p...)
			break
		}
		line := append(h.part, p[:i]...)
		if j := bytes.IndexByte(line, ','); j >= 0 && bytes.HasPrefix(line, []byte(`{"id":`)) {
			line = line[j+1:]
		}
		f := fnv.New64a()
		f.Write(line)
		h.sums = append(h.sums, f.Sum64())
		h.part = h.part[:0]
		p = p[i+1:]
	}
	return n, nil
}

// TestLineHasher: lines that differ only in their id hash alike, whatever the writes' boundaries; others do not.
func TestLineHasher(t *testing.T) {
	in := `{"id":1,"key":"a","score":0.5}` + "\n" + `{"id":22,"key":"a","score":0.5}` + "\n" + `{"id":3,"key":"b","score":0.5}` + "\n"
	h := &lineHasher{}
	for i := 0; i < len(in); i += 7 {
		h.Write([]byte(in[i:min(i+7, len(in))]))
	}
	if len(h.sums) != 3 || h.sums[0] != h.sums[1] || h.sums[0] == h.sums[2] {
		t.Errorf("sums = %v, want three, the first two equal", h.sums)
	}
}
