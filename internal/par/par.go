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
