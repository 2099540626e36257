package sample

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"
)

func TestZZGen(t *testing.T) {
	dir := os.Getenv("SAMPLE_DIR")
	if dir == "" {
		t.Skip()
	}
	rows, _ := strconv.ParseInt(os.Getenv("SAMPLE_ROWS"), 10, 64)
	workers, _ := strconv.Atoi(os.Getenv("SAMPLE_WORKERS"))
	start := time.Now()
	c0 := cpuTime()
	if _, err := Generate(context.Background(), Config{Dir: dir, Rows: rows, Seed: 1, Workers: workers, Gzip: os.Getenv("SAMPLE_GZIP") != ""}); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows: wall %v cpu %v", rows, time.Since(start), cpuTime()-c0)
}
