package web

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCachedValue: concurrent requests for a value compute it once; a stale value is served at once while one
// refresh runs; an error is not kept.
func TestCachedValue(t *testing.T) {
	s := &Server{cache: map[string]cached{}}
	ctx := context.Background()
	var calls atomic.Int64
	release := make(chan struct{})
	slow := func(context.Context) (any, error) {
		n := calls.Add(1)
		<-release
		return n, nil
	}
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := s.cachedValue(ctx, "k", time.Hour, slow)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("16 concurrent requests computed the value %d times, want 1", calls.Load())
	}
	for _, v := range got {
		if v != int64(1) {
			t.Fatalf("a request got %v, want 1", v)
		}
	}
	// Stale: served as it is, and refreshed once in the background.
	s.cacheMu.Lock()
	s.cache["k"] = cached{at: time.Now().Add(-2 * time.Hour), v: int64(1)}
	s.cacheMu.Unlock()
	refreshed := make(chan struct{})
	v, err := s.cachedValue(ctx, "k", time.Hour, func(context.Context) (any, error) {
		defer close(refreshed)
		return int64(2), nil
	})
	if err != nil || v != int64(1) {
		t.Fatalf("stale value: got %v, %v; want the stale 1 at once", v, err)
	}
	<-refreshed
	time.Sleep(20 * time.Millisecond)
	if v, _ := s.cachedValue(ctx, "k", time.Hour, slow); v != int64(2) {
		t.Fatalf("after the refresh: got %v, want 2", v)
	}
	// A failed computation is not kept: the next request computes again.
	failing := func(context.Context) (any, error) { return nil, context.DeadlineExceeded }
	if _, err := s.cachedValue(ctx, "e", time.Hour, failing); err == nil {
		t.Fatal("a failed computation returned no error")
	}
	if v, err := s.cachedValue(ctx, "e", time.Hour, func(context.Context) (any, error) { return "ok", nil }); err != nil || v != "ok" {
		t.Fatalf("after a failure: got %v, %v; want a new computation", v, err)
	}
}
