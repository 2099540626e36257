package par

import (
	"context"
	"errors"
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

// TestBatches: every item reaches work once, in batches no larger than asked, each goroutine's calls one at a
// time, whatever the number of items against the batch size.
func TestBatches(t *testing.T) {
	for _, n := range []int{0, 1, 99, 100, 101, 10_000} {
		for _, workers := range []int{0, 1, 3} {
			const size = 100
			seen := make([]int32, n)
			var busy [8]atomic.Int32
			err := Batches(context.Background(), size, workers, func(emit func(*int) error) error {
				for i := range n {
					if err := emit(&i); err != nil {
						return err
					}
				}
				return nil
			}, func(w int, b []int) {
				if busy[w].Add(1) != 1 {
					t.Errorf("goroutine %d: two calls at once", w)
				}
				if len(b) == 0 || len(b) > size {
					t.Errorf("a batch of %d items, want 1 to %d", len(b), size)
				}
				for _, i := range b {
					atomic.AddInt32(&seen[i], 1)
				}
				busy[w].Add(-1)
			})
			if err != nil {
				t.Fatalf("n %d, workers %d: %v", n, workers, err)
			}
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("n %d, workers %d: item %d worked %d times", n, workers, i, c)
				}
			}
		}
	}
}

// TestBatchesErrors: the producer's error comes back; a cancelled context stops the producer through emit
// and comes back; neither leaves a goroutine blocked.
func TestBatchesErrors(t *testing.T) {
	boom := errors.New("boom")
	err := Batches(context.Background(), 10, 2, func(emit func(*int) error) error {
		for i := range 55 {
			if err := emit(&i); err != nil {
				return err
			}
		}
		return boom
	}, func(int, []int) {})
	if err != boom {
		t.Fatalf("err = %v, want the producer's", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var emitted, worked atomic.Int64
	err = Batches(ctx, 10, 2, func(emit func(*int) error) error {
		for i := range 1_000_000 {
			if i == 500 {
				cancel()
			}
			if err := emit(&i); err != nil {
				return err
			}
			emitted.Add(1)
		}
		return nil
	}, func(_ int, b []int) { worked.Add(int64(len(b))) })
	if err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if emitted.Load() >= 1_000_000 || worked.Load() > emitted.Load() {
		t.Fatalf("after the cancel: %d emitted, %d worked", emitted.Load(), worked.Load())
	}
}
