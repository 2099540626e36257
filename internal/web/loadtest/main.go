// Command loadtest is the workbench's load benchmark: concurrent clients request party pages, searches and
// shipment pages from a running `tradetrace serve` for a bounded time, then it prints the latency
// percentiles per page kind, the errors and the server's memory.
//
//	go run ./internal/web/loadtest --url http://127.0.0.1:8080 --clients 16 --duration 30s --pid PID
//
// The URLs come from the server itself: shipments cited by the findings of most value, the parties on them and
// those that searches for the words of their names find, and those words (up to 1,000 of each kind; see discover).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server")
	clients := flag.Int("clients", 16, "concurrent clients")
	dur := flag.Duration("duration", 30*time.Second, "how long to run")
	pid := flag.Int("pid", 0, "the server's process id, to report its memory")
	token := flag.String("token", os.Getenv("TRADETRACE_TOKEN"), "access token")
	kinds := flag.String("kinds", "party,search,shipment", "page kinds to request")
	api := flag.Bool("api", false, "request the JSON API instead of the HTML pages")
	flag.Parse()
	if err := run(*base, *clients, *dur, *pid, *token, strings.Split(*kinds, ","), *api); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type client struct {
	base, token string
	hc          *http.Client
}

func (c *client) get(ctx context.Context, path string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+path, nil)
	if err != nil {
		return nil, 0, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return b, res.StatusCode, err
}

func (c *client) getJSON(ctx context.Context, path string, v any) error {
	b, status, err := c.get(ctx, path)
	if err != nil {
		return err
	}
	if status != 200 {
		return fmt.Errorf("GET %s: %d %s", path, status, b)
	}
	return json.Unmarshal(b, v)
}

// discover collects URLs of each kind from the server: shipments cited by the findings of most value, the
// parties on some of them and those that searches for words of their names find, and those words. The lists
// are long enough (up to maxURLs of each kind) that a run visits most pages once or twice: a benchmark that
// asked for a few pages over and over would measure warm caches, not pages.
func discover(ctx context.Context, c *client) (map[string][]string, error) {
	const maxURLs = 1000
	urls := map[string][]string{}
	for offset := 0; len(urls["shipment"]) < maxURLs && offset < 3000; offset += 300 {
		var fp struct {
			Items []struct {
				ShipmentIDs []int64 `json:"shipment_ids"`
			} `json:"items"`
		}
		if err := c.getJSON(ctx, fmt.Sprintf("/api/v1/findings?limit=300&sort=value&offset=%d", offset), &fp); err != nil {
			return nil, fmt.Errorf("discover: %w", err)
		}
		if len(fp.Items) == 0 {
			break
		}
		for _, f := range fp.Items {
			for _, id := range f.ShipmentIDs[:min(3, len(f.ShipmentIDs))] {
				if len(urls["shipment"]) < maxURLs {
					urls["shipment"] = append(urls["shipment"], "/shipments/"+strconv.FormatInt(id, 10))
				}
			}
		}
	}
	seenParty := map[string]bool{}
	addParty := func(ref string) {
		if !seenParty[ref] && len(urls["party"]) < maxURLs {
			seenParty[ref] = true
			urls["party"] = append(urls["party"], "/parties/"+url.PathEscape(ref))
		}
	}
	words := map[string]bool{}
	addWords := func(name string) {
		for _, w := range strings.Fields(name) {
			w = strings.Trim(w, `"'«»().,`)
			if len([]rune(w)) >= 5 && len(words) < 200 {
				words[strings.ToLower(w)] = true
			}
		}
	}
	for i, u := range urls["shipment"] {
		if i >= 60 {
			break
		}
		var sp struct {
			Parties  map[string]string `json:"parties"`
			Shipment struct {
				Shipper   struct{ Name string }
				Consignee struct{ Name string }
			} `json:"shipment"`
		}
		if err := c.getJSON(ctx, "/api/v1"+u, &sp); err != nil {
			return nil, fmt.Errorf("discover: %w", err)
		}
		for _, ref := range sp.Parties {
			addParty(ref)
		}
		addWords(sp.Shipment.Shipper.Name)
		addWords(sp.Shipment.Consignee.Name)
	}
	// The parties searches find, and the words of their names, until there are enough of both.
	asked := map[string]bool{}
	for len(urls["party"]) < maxURLs {
		var next []string
		for w := range words {
			if !asked[w] {
				next = append(next, w)
			}
		}
		if len(next) == 0 {
			break
		}
		slices.Sort(next)
		for _, w := range next {
			asked[w] = true
			var sr struct {
				Parties []struct{ ID, Name string } `json:"parties"`
			}
			if err := c.getJSON(ctx, "/api/v1/search?kind=parties&limit=50&q="+url.QueryEscape(w), &sr); err != nil {
				return nil, fmt.Errorf("discover: %w", err)
			}
			for _, p := range sr.Parties {
				addParty(p.ID)
				addWords(p.Name)
			}
		}
	}
	for w := range words {
		urls["search"] = append(urls["search"], "/search?kind=parties&q="+url.QueryEscape(w))
	}
	slices.Sort(urls["search"])
	for k, v := range urls {
		if len(v) == 0 {
			return nil, fmt.Errorf("discover: no %s URLs (does the store have findings?)", k)
		}
	}
	return urls, nil
}

type sample struct {
	kind string
	d    time.Duration
	err  bool
}

func run(base string, clients int, dur time.Duration, pid int, token string, kinds []string, api bool) error {
	ctx := context.Background()
	c := &client{base: strings.TrimRight(base, "/"), token: token, hc: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients * 2},
	}}
	urls, err := discover(ctx, c)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		if len(urls[k]) == 0 {
			return fmt.Errorf("unknown kind %q: want party, search or shipment", k)
		}
	}
	fmt.Printf("loadtest: %s, %d clients, %s; %d party, %d search, %d shipment URLs; api=%v\n", base, clients, dur,
		len(urls["party"]), len(urls["search"]), len(urls["shipment"]), api)
	// One warm-up pass over each URL list so that first-use costs (the goods automaton, the page cache) do not
	// count.
	for _, k := range kinds {
		for _, u := range urls[k][:min(5, len(urls[k]))] {
			c.get(ctx, u)
		}
	}
	rssBefore := rss(pid, "VmRSS")
	runCtx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	var mu sync.Mutex
	var samples []sample
	var firstErr error
	var wg sync.WaitGroup
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []sample
			for i := w; ; i++ {
				k := kinds[i%len(kinds)]
				list := urls[k]
				u := list[(i*7+w)%len(list)]
				if api {
					u = "/api/v1" + u
				}
				start := time.Now()
				_, status, err := c.get(runCtx, u)
				if runCtx.Err() != nil {
					break
				}
				s := sample{kind: k, d: time.Since(start), err: err != nil || status != 200}
				if s.err {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("GET %s: status %d: %v", u, status, err)
					}
					mu.Unlock()
				}
				local = append(local, s)
			}
			mu.Lock()
			samples = append(samples, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Printf("%-9s %7s %7s %9s %9s %9s %9s\n", "kind", "reqs", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")
	for _, k := range append(slices.Clone(kinds), "all") {
		var ds []time.Duration
		errs := 0
		for _, s := range samples {
			if s.kind == k || k == "all" {
				ds = append(ds, s.d)
				if s.err {
					errs++
				}
			}
		}
		slices.Sort(ds)
		fmt.Printf("%-9s %7d %7d %9.1f %9.1f %9.1f %9.1f\n", k, len(ds), errs, pct(ds, 0.50), pct(ds, 0.95), pct(ds, 0.99), pct(ds, 1))
	}
	fmt.Printf("throughput: %.1f requests/s\n", float64(len(samples))/dur.Seconds())
	if pid > 0 {
		fmt.Printf("server memory: RSS before %s, after %s, peak %s\n", rssBefore, rss(pid, "VmRSS"), rss(pid, "VmHWM"))
	}
	if firstErr != nil {
		return errors.Join(errors.New("requests failed"), firstErr)
	}
	return nil
}

func pct(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	i := int(float64(len(ds)-1) * p)
	return float64(ds[i].Microseconds()) / 1000
}

// rss reads a memory line of /proc/PID/status.
func rss(pid int, field string) string {
	if pid <= 0 {
		return "?"
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				if kb, err := strconv.Atoi(f[0]); err == nil {
					return fmt.Sprintf("%d MB", kb/1024)
				}
			}
		}
	}
	return "?"
}
