package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// Requests beyond Workers wait their turn; health checks and static files do not, and a client that leaves
// while waiting gives its place up.
func TestWorkersBoundRequests(t *testing.T) {
	release := make(chan struct{})
	entered := make(chan string, 4)
	s, err := New(nil, Options{Workers: 1, Mount: func(m *http.ServeMux) {
		m.HandleFunc("GET /slow/{n}", func(w http.ResponseWriter, r *http.Request) {
			entered <- r.PathValue("n")
			<-release
		})
	}})
	if err != nil {
		t.Fatal(err)
	}
	serve := func(ctx context.Context, path string) chan int {
		done := make(chan int, 1)
		go func() {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil).WithContext(ctx))
			done <- rec.Code
		}()
		return done
	}
	first := serve(context.Background(), "/slow/1")
	if n := <-entered; n != "1" {
		t.Fatalf("entered %s first", n)
	}
	second := serve(context.Background(), "/slow/2")
	ctx, cancel := context.WithCancel(context.Background())
	gone := serve(ctx, "/slow/3")
	select {
	case n := <-entered:
		t.Fatalf("request %s entered while the only worker was busy", n)
	case <-time.After(100 * time.Millisecond):
	}
	if code := <-serve(context.Background(), "/healthz"); code != http.StatusOK {
		t.Errorf("health check while busy: %d", code)
	}
	cancel()
	<-gone
	release <- struct{}{}
	<-first
	if n := <-entered; n != "2" {
		t.Errorf("entered %s after the first, want 2 (3 left)", n)
	}
	close(release)
	<-second
}
