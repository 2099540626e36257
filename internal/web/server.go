// Package web is the investigator's workbench: `tradetrace serve`. It serves HTML pages (html/template, embedded)
// and a JSON API under /api/v1/ with the same content, over a store that answers each page with point lookups.
//
// Security: the server binds to loopback unless given an access token; with a token every request must carry
// it (Authorization: Bearer, or the cookie set by visiting any page once with ?token=); every POST carries a
// CSRF token bound to a per-browser cookie; responses carry a strict Content-Security-Policy with no inline
// script or style. Everything from the data is escaped by html/template or encoded as JSON.
package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure a Server.
type Options struct {
	// Token, when not empty, must accompany every request. It is required to listen on a non-loopback
	// address.
	Token string
	// User is who triage decisions are recorded as when the form does not say.
	User string
	// Log receives one line per failed request; nil discards.
	Log *log.Logger
	// Mount adds handlers for paths the workbench links to but other packages serve (reports, exports).
	Mount func(mux *http.ServeMux)
	// Workers is how many requests are answered at once (0: twice the processors, at least 4); the others wait
	// their turn in arrival order. Pages are bound by the processors: with 16 clients on 2 cores all sharing
	// them, every page slowed alike and the heaviest passed 200 ms at the 95th percentile; a few at a time, each
	// runs at full speed and waits less than it would have lost.
	Workers int
}

// Server serves the workbench over a Store.
type Server struct {
	store   Store
	opts    Options
	secret  []byte
	pages   map[string]*pageTemplate
	mux     *http.ServeMux
	bundle  bool // the JavaScript bundle was built
	cacheMu sync.Mutex
	cache   map[string]cached
	flights map[string]*flight // values being computed, by key
	slots   chan struct{}      // one per request being answered
}

type cached struct {
	at time.Time
	v  any
}

// flight is a value being computed: requests for the same key wait for it instead of computing it again.
type flight struct {
	done chan struct{}
	v    any
	err  error
}

// New makes a server.
func New(store Store, opts Options) (*Server, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("web: csrf secret: %w", err)
	}
	if opts.User == "" {
		opts.User = "investigator"
	}
	if opts.Workers <= 0 {
		opts.Workers = max(4, 2*runtime.GOMAXPROCS(0))
	}
	s := &Server{store: store, opts: opts, secret: secret, cache: map[string]cached{}, slots: make(chan struct{}, opts.Workers)}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if _, err := fs.Stat(staticFS, "static/dist/app.js"); err == nil {
		s.bundle = true
	}
	s.routes()
	return s, nil
}

// CheckAddr refuses to listen beyond loopback without a token.
func CheckAddr(addr, token string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("web: address %q: %w", addr, err)
	}
	if token != "" {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("web: refusing to listen on %q without an access token: pass --token or set TRADETRACE_TOKEN, or bind 127.0.0.1", addr)
	}
	return nil
}

// ServeHTTP applies the security headers and the token check, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opts.Token != "" && !s.authorized(w, r) {
		s.fail(w, r, http.StatusUnauthorized, "unauthorized", "this server needs its access token: open the page once with ?token=…, or send Authorization: Bearer …")
		return
	}
	if r.URL.Path != "/healthz" && !strings.HasPrefix(r.URL.Path, "/static/") {
		select {
		case s.slots <- struct{}{}: // blocked senders are let in first come, first served
			defer func() { <-s.slots }()
		case <-r.Context().Done():
			return // the client left while waiting
		}
	}
	s.mux.ServeHTTP(w, r)
}

const tokenCookie = "tt_token"

func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	eq := func(got string) bool {
		return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
	}
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") && eq(strings.TrimPrefix(a, "Bearer ")) {
		return true
	}
	if c, err := r.Cookie(tokenCookie); err == nil && eq(c.Value) {
		return true
	}
	if t := r.URL.Query().Get("token"); eq(t) {
		http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.opts.Token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		return true
	}
	return false
}

// CSRF: a random per-browser cookie and, in forms and the X-CSRF-Token header, its HMAC under the server's
// secret.
const csrfCookie = "tt_csrf"

func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	var id string
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		id = c.Value
	} else {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		id = hex.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
		r.AddCookie(&http.Cookie{Name: csrfCookie, Value: id})
	}
	return s.sign(id)
}

func (s *Server) sign(id string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Server) checkCSRF(r *http.Request, got string) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil || got == "" {
		return false
	}
	return hmac.Equal([]byte(got), []byte(s.sign(c.Value)))
}

// cachedValue returns fn's value, computed at most once per ttl for a key.
// cachedValue returns the value of key, computing it with fn when there is none. One computation runs at a
// time per key: under load, the requests that need a value being computed wait for it rather than each computing
// it (16 clients rebuilt the findings index together on a 10M store). Once the value is older than ttl, requests
// get it as it is while one refreshes it in the background. fn runs with ctx's values but not its cancellation,
// since its result serves other requests too.
func (s *Server) cachedValue(ctx context.Context, key string, ttl time.Duration, fn func(ctx context.Context) (any, error)) (any, error) {
	s.cacheMu.Lock()
	c, ok := s.cache[key]
	if ok && time.Since(c.at) < ttl {
		s.cacheMu.Unlock()
		return c.v, nil
	}
	f, running := s.flights[key]
	if !running {
		f = &flight{done: make(chan struct{})}
		if s.flights == nil {
			s.flights = map[string]*flight{}
		}
		s.flights[key] = f
		go s.compute(context.WithoutCancel(ctx), key, f, fn)
	}
	s.cacheMu.Unlock()
	if ok {
		return c.v, nil // stale: served while the flight refreshes it
	}
	select {
	case <-f.done:
		return f.v, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// compute runs one flight and keeps its value.
func (s *Server) compute(ctx context.Context, key string, f *flight, fn func(ctx context.Context) (any, error)) {
	f.v, f.err = fn(ctx)
	s.cacheMu.Lock()
	delete(s.flights, key)
	if f.err == nil {
		if len(s.cache) > 512 {
			s.cache = map[string]cached{}
		}
		s.cache[key] = cached{at: time.Now(), v: f.v}
	}
	s.cacheMu.Unlock()
	close(f.done)
}

// Serve listens on addr until ctx ends.
func (s *Server) Serve(ctx context.Context, addr string, ready func(addr string)) error {
	if err := CheckAddr(addr, s.opts.Token); err != nil {
		return err
	}
	// The findings index serves every party and shipment page: built before the first request, not by it.
	if _, err := s.findingIndex(ctx); err != nil && s.opts.Log != nil {
		s.opts.Log.Printf("web: findings index: %v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 120 * time.Second}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return nil
	}
}
