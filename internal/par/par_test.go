package par

import (
	"context"
	"sync/atomic"
	"testing"
)

// TestFor: every index once, on any number of workers, more workers than indexes included.
func TestFor(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 64} {
		seen := make([]int32, 1000)
		For(len(seen), workers, func(i int) { atomic.AddInt32(&seen[i], 1) })
		for i, n := range seen {
			if n != 1 {
				t.Fatalf("workers %d: index %d called %d times", workers, i, n)
			}
		}
	}
}

// TestForContextCancelled stops early and says why.
func TestForContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	if err := ForContext(ctx, 1_000_000, 2, func(int) { calls.Add(1) }); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls.Load() != 0 {
		t.Fatalf("a cancelled loop made %d calls", calls.Load())
	}
}
