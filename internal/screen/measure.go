package screen

import (
	"sort"
	"time"
)

// Timing is the speed of screening a set of queries one after another on the calling goroutine.
type Timing struct {
	Queries  int
	Matched  int // queries with at least one match at or above the threshold
	Total    time.Duration
	PerSec   float64
	P50, P99 time.Duration
	Max      time.Duration
}

// Measure screens each query in turn, on the calling goroutine, and times each one with the clock (nil: the
// wall clock; a thread CPU clock measures the work alone on a shared machine). The template gives everything
// but the name.
func (ix *Index) Measure(queries []string, template Query, clock func() time.Duration) Timing {
	if clock == nil {
		t0 := time.Now()
		clock = func() time.Duration { return time.Since(t0) }
	}
	ds := make([]time.Duration, len(queries))
	t := Timing{Queries: len(queries)}
	start := clock()
	for i, s := range queries {
		q := template
		q.Name = s
		t0 := clock()
		if len(ix.Screen(q)) > 0 {
			t.Matched++
		}
		ds[i] = clock() - t0
	}
	t.Total = clock() - start
	if len(ds) == 0 {
		return t
	}
	t.PerSec = float64(len(ds)) / t.Total.Seconds()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	t.P50 = ds[len(ds)/2]
	t.P99 = ds[min(len(ds)-1, len(ds)*99/100)]
	t.Max = ds[len(ds)-1]
	return t
}
