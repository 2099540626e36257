// Package par runs a loop's iterations on several goroutines.
package par

import (
	"context"
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n) on workers goroutines (GOMAXPROCS when workers ≤ 0), goroutine w taking
// w, w+workers, w+2·workers …, and returns when every call has returned. fn must be safe for concurrent use
// with itself; calls for different i may write to different elements of one slice.
func For(n, workers int, fn func(i int)) {
	_ = ForContext(context.Background(), n, workers, fn)
}

// ForContext is For that stops early when ctx is done (each goroutine checks every 1024 iterations) and then
// returns ctx's error.
func ForContext(ctx context.Context, n, workers int, fn func(i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if i%1024 == w && ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// Batches runs a producer on the caller's goroutine and its items' work on workers goroutines (GOMAXPROCS when
// workers ≤ 0): produce calls emit with each item, emit copies it into a batch of size items, and each full
// batch (and the last, partial one) goes to work(w, batch) on goroutine w. Calls with the same w are made one
// at a time, so work may keep state per goroutine; batches come in no set order. A batch's slice is reused
// once work returns: work copies what it keeps. Batches returns produce's error, else ctx's if ctx ended the
// run, after every call of work has returned; once ctx is done, emit returns its error when it next hands on a
// batch (every size items), for produce to stop.
func Batches[T any](ctx context.Context, size, workers int, produce func(emit func(*T) error) error, work func(w int, batch []T)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	size = max(size, 1)
	full := make(chan []T, workers)
	free := make(chan []T, 2*workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range full {
				if ctx.Err() == nil {
					work(w, b)
				}
				select {
				case free <- b[:0]:
				default:
				}
			}
		}()
	}
	b := make([]T, 0, size)
	send := func() error {
		select {
		case full <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case b = <-free:
		default:
			b = make([]T, 0, size)
		}
		return nil
	}
	err := produce(func(x *T) error {
		b = append(b, *x)
		if len(b) < size {
			return nil
		}
		return send()
	})
	if err == nil && len(b) > 0 {
		err = send()
	}
	close(full)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}
