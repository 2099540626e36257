package sample

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// MinRows is the smallest sample Generate writes: the planted events need a few hundred rows of their
// own and the ordinary trade around them needs more.
const MinRows = 2000

// Config says what to generate.
type Config struct {
	Dir  string // output directory, created if missing
	Rows int64  // data rows over all files (headers not counted); at least MinRows
	Seed uint64 // the same seed and Rows give the same bytes
	Gzip bool   // write .csv.gz (gzip, fastest level) instead of .csv
	// Workers is how many files are written at once; 0 means one per CPU. The output does not depend on
	// it: every file draws from its own random stream.
	Workers int
	// Progress, when set, is called with the rows written so far and the total, about every 64k rows and
	// once at the end, from one goroutine at a time.
	Progress func(done, total int64)
}

// shares of the rows by kind of file: Russian imports are the biggest source.
var kindShare = [numKinds]float64{RUImport: 0.45, KZImport: 0.11, TRImport: 0.12, TRExport: 0.11, CNExport: 0.13, AEExport: 0.08}

// generator holds what every file of a run shares; it is read-only once the files are being written.
type generator struct {
	cfg     Config
	cat     *catalogue
	u       *universe
	brokers []broker
	events  []*plantEvent
	planted [numKinds][numMonths][]*decl // planted declarations, by file kind and month, in date order
	budget  [numKinds][numMonths]int64   // ordinary rows by kind and month

	done     atomic.Int64
	progMu   sync.Mutex
	lastProg int64
}

// Generate writes a synthetic customs dataset into cfg.Dir: one file per kind and year (see Kinds and
// Layouts), and planted.json, the answer key of the planted events. It returns the manifest of what it
// wrote. The row count is exactly cfg.Rows.
func Generate(ctx context.Context, cfg Config) (Manifest, error) {
	if cfg.Rows < MinRows {
		return Manifest{}, fmt.Errorf("generate sample: %d rows asked, at least %d needed", cfg.Rows, MinRows)
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("generate sample: %w", err)
	}
	g, err := plan(cfg)
	if err != nil {
		return Manifest{}, fmt.Errorf("generate sample: %w", err)
	}
	jobs := g.files()
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(jobs))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	next := atomic.Int64{}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) || ctx.Err() != nil {
					return
				}
				if errs[i] = jobs[i].run(ctx); errs[i] != nil {
					cancel()
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Manifest{}, fmt.Errorf("generate sample: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return Manifest{}, fmt.Errorf("generate sample: %w", err)
	}
	m := g.manifest(jobs)
	if err := writeKey(filepath.Join(cfg.Dir, KeyFile), m); err != nil {
		return Manifest{}, fmt.Errorf("generate sample: %w", err)
	}
	if cfg.Progress != nil {
		cfg.Progress(cfg.Rows, cfg.Rows)
	}
	return m, nil
}

// plan builds the catalogue, the companies and the planted events, and splits the rows over files and
// months.
func plan(cfg Config) (*generator, error) {
	r := newRNG(cfg.Seed, hashLabel("plan"))
	cat, err := newCatalogue(r)
	if err != nil {
		return nil, err
	}
	g := &generator{cfg: cfg, cat: cat}
	n := max(2000, int(cfg.Rows/300))
	seen := map[string]bool{}
	g.u = newUniverse(r, n, seen)
	g.brokers = newBrokers(r, 40, seen)
	g.events = plantEvents(newRNG(cfg.Seed, hashLabel("plant")), g)
	var planted int64
	for _, ev := range g.events {
		for _, d := range ev.decls {
			m := d.date.month()
			g.planted[d.kind][m] = append(g.planted[d.kind][m], d)
			planted += int64(d.lines())
		}
	}
	for k := range g.planted {
		for m := range g.planted[k] {
			ds := g.planted[k][m]
			sort.SliceStable(ds, func(i, j int) bool { return ds[i].date.before(ds[j].date) })
		}
	}
	ordinary := cfg.Rows - planted
	if ordinary < 0 {
		return nil, fmt.Errorf("%d rows cannot hold the %d planted rows", cfg.Rows, planted)
	}
	var weights [numKinds * numMonths]float64
	for k := Kind(0); k < numKinds; k++ {
		sum := 0.0
		for m := 0; m < numMonths; m++ {
			sum += kindVolume(k, m)
		}
		for m := 0; m < numMonths; m++ {
			weights[int(k)*numMonths+m] = kindShare[k] * kindVolume(k, m) / sum
		}
	}
	counts := apportion(ordinary, weights[:])
	for k := 0; k < int(numKinds); k++ {
		for m := 0; m < numMonths; m++ {
			g.budget[k][m] = counts[k*numMonths+m]
		}
	}
	return g, nil
}

// apportion splits total into integers proportional to ws that add up exactly (largest remainders).
func apportion(total int64, ws []float64) []int64 {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	out := make([]int64, len(ws))
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(ws))
	var given int64
	for i, w := range ws {
		x := float64(total) * w / sum
		out[i] = int64(x)
		given += out[i]
		rems[i] = rem{i, x - float64(out[i])}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].f > rems[b].f })
	for i := 0; given < total; i++ {
		out[rems[i%len(rems)].i]++
		given++
	}
	return out
}

// files lists the files of the run, one per kind and year, with their rows and first record serials.
func (g *generator) files() []*fileGen {
	var out []*fileGen
	for _, k := range Kinds() {
		var serial int64
		for y := 0; y < numYears; y++ {
			f := &fileGen{generator: g, kind: k, year: firstYear + y, firstSerial: serial + 1}
			for m := y * 12; m < y*12+12; m++ {
				f.rows += g.budget[k][m]
				for _, d := range g.planted[k][m] {
					f.rows += int64(d.lines())
				}
			}
			serial += f.rows
			out = append(out, f)
		}
	}
	return out
}

// progress adds n written rows and reports the count each time it crosses a multiple of 64k rows.
func (g *generator) progress(n int64) {
	done := g.done.Add(n)
	if g.cfg.Progress == nil || done>>16 == (done-n)>>16 {
		return
	}
	g.progMu.Lock()
	defer g.progMu.Unlock()
	if done > g.lastProg {
		g.lastProg = done
		g.cfg.Progress(done, g.cfg.Rows)
	}
}
