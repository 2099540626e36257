package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/listed"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/rusage"
	"tradetrace/internal/trade"
)

// detectors returns every detector the store can feed, wired with what it needs, and says which it cannot.
// The families live in their own files. rescreen makes the listed-party detector screen every name again.
func detectors(st coreStore, stderr io.Writer, rescreen bool) []detect.Detector {
	ds := []detect.Detector{detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion}}
	var missing []string
	if g, ok := st.(goodsStore); ok {
		ds = append(ds, goodsDetectors(g)...)
	} else {
		missing = append(missing, "misdeclared goods", "unit values")
	}
	var routes, listed []detect.Detector
	if r, ok := st.(routeStore); ok {
		routes = routeDetectors(r)
	} else {
		missing = append(missing, "routes", "red flags", "front companies")
	}
	if n, ok := st.(namesStore); ok {
		listed = namesDetectors(n, stderr, rescreen)
	} else {
		missing = append(missing, "listed parties")
	}
	// A light detector runs beside the detectors after it in the list (detect.Light): the listed parties come
	// before the chains, which leave a core idle in part. In six alternated pairs of runs on the 10M-line
	// sample the detectors took 1.0-4.1 s less than with the listed parties last in five, 2.1 s more in one.
	at := slices.IndexFunc(routes, func(d detect.Detector) bool { return d.Name() == route.Chain{}.Name() })
	if at < 0 {
		at = len(routes)
	}
	ds = append(ds, routes[:at]...)
	ds = append(ds, listed...)
	ds = append(ds, routes[at:]...)
	if len(missing) > 0 {
		fmt.Fprintf(stderr, "detect: this store cannot feed these detectors yet: %s\n", strings.Join(missing, ", "))
	}
	return ds
}

// goodsReader reads the goods of each new run once, before the detectors, and keeps the controlled classes
// it finds; the military detector looks them up.
type goodsReader interface {
	ReadGoods(ctx context.Context, version string, classify func(*detect.Text) []detect.TextClass, done func(duckdb.GoodsRun)) ([]duckdb.GoodsRun, error)
}

// jsonFinding is the line format of "detect --format json" (PRODUCT.md, "Interfaces").
type jsonFinding struct {
	ID              int64                `json:"id"`
	Detector        string               `json:"detector"`
	DetectorVersion string               `json:"detector_version"`
	Key             string               `json:"key"`
	Score           float64              `json:"score"`
	Severity        string               `json:"severity"`
	Title           string               `json:"title"`
	Explanation     string               `json:"explanation"`
	Parties         []trade.FindingParty `json:"parties"`
	Shipments       []string             `json:"shipments"`
	Evidence        []trade.Evidence     `json:"evidence"`
	ValueUSD        float64              `json:"value_usd"`
	WeightKg        float64              `json:"weight_kg"`
}

// detectGOGC is the collector's GOGC from the detectors' run to the end of detect (the cases' rebuild and the
// listing included), unless GOGC says otherwise: under the heap's limit (goMemoryLimit) it lets the heap grow to
// three times what is live, not twice, where that stays below the limit.
// On the 10M-line sample the eight detectors took 130.8–137.8 CPU-s in four runs (median 133.0) against
// 137.9–138.3 at the default of 100, alternated; peak RSS 3.43–3.56 GiB against 3.36–3.53 GiB.
const detectGOGC = 200

// detectStoreConfig is the DuckDB store's configuration for detect: its memory limit, and as much memory kept
// for DuckDB's blocks (duckdb.Config.BlockMemory). The detectors' queries read the same tables again and again;
// without it DuckDB handed each block's memory back to the system and took it afresh for the next, page by
// page, and on this project's machines (2-core virtual machines) a page taken afresh costs about 10 µs of
// system time (2 GB touched once in 5.6 s). On the 10M-line sample the detectors' run took 3.10-3.55M such
// page faults (40-52 s of system time) in seven runs without it, 2.49-2.87M (29-39 s) in fifteen with it.
func detectStoreConfig() duckdb.Config {
	m := duckMemory()
	return duckdb.Config{MemoryLimit: m, BlockMemory: m}
}

func runDetect(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "detect", "[--format table|json] [--top N] [--no-run] [--force] [--rescreen] [--only NAME,...] [--serial] [--cpuprofile FILE] [--querylog FILE]")
	format := fs.String("format", "table", "table, or json: one finding per line")
	top := fs.Int("top", 25, "table: show the N highest-scoring findings (0: all)")
	noRun := fs.Bool("no-run", false, "print the stored findings without running the detectors")
	force := fs.Bool("force", false, "run every detector, also those whose input has not changed since their last run")
	rescreen := fs.Bool("rescreen", false, "screen every party name against the lists again, instead of taking the screenings of earlier runs against the same lists (the listed-party detector runs, and replaces them)")
	only := fs.String("only", "", "run only these detectors (names as listed by the run, comma-separated); the others keep their findings")
	serial := fs.Bool("serial", false, "run the detectors one at a time, also those light enough to run beside the others: each one's CPU time is then its own")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the detectors' run and the cases' rebuild to FILE (go tool pprof reads it)")
	querylog := fs.String("querylog", "", "write a line for each query the DuckDB store runs for the detectors to FILE: how long it ran and its rows took to read, with the process's CPU time (the query's own with --serial)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("detect: --format must be table or json")
	}
	sc := detectStoreConfig()
	if *querylog != "" {
		f, err := os.Create(*querylog)
		if err != nil {
			return fmt.Errorf("detect: %w", err)
		}
		defer f.Close()
		sc.QueryLog = f
	}
	st, err := openCoreStoreWith(ctx, cfg, sc)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*noRun {
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(detectGOGC))
		}
		if d, ok := st.(interface{ DeferCheckpoints(context.Context) error }); ok {
			// The detectors' findings are written into the store's file once, when it closes.
			if err := d.DeferCheckpoints(ctx); err != nil {
				return err
			}
		}
		ds, err := pickDetectors(detectors(st, cfg.stderr, *rescreen), *only)
		if err != nil {
			return err
		}
		var cpu time.Duration // the process's CPU time when the last detector ended
		opts := detect.Options{Force: *force, Serial: *serial, Done: func(r detect.Report) {
			if !r.Skipped {
				// The detector's findings are stored and most of its heap is garbage: collected now, while
				// little is live, it is not carried into the next detector's work under a goal set by its
				// own large heap. On the 10M-line sample the peak RSS, at the hand-over from the military
				// detector to the misdeclared goods, was 3.29 and 3.38 GiB with it against 3.52 and 3.91
				// GiB without, the detectors as fast (76.9 and 79.8 s against 79.0 and 79.0 s).
				runtime.GC()
			}
			now := rusage.CPU()
			used := now - cpu
			cpu = now
			switch {
			case r.Skipped:
				fmt.Fprintf(cfg.stderr, "detector %s v%s: input unchanged since its last run, skipped (%d findings kept; --force runs it)\n", r.Detector, r.Version, r.Findings)
			case *format != "table":
			default:
				cpu := used.Round(1e7).String()
				beside, cpuTime := "", cpu+" of CPU time"
				if !*serial {
					// Light detectors run beside the others: the process's CPU time is theirs together.
					cpuTime = "the process's CPU time since the last report " + cpu
					if r.Beside {
						beside = ", beside the others"
					}
				}
				fmt.Fprintf(cfg.stderr, "detector %s v%s: %d findings in %s%s (storing them %s; %s)\n", r.Detector, r.Version, r.Findings, r.Took.Round(1e6), beside, r.Stored.Round(1e6), cpuTime)
			}
		}}
		if *rescreen {
			opts.Rerun = map[string]bool{listed.Detector{}.Name(): true}
		}
		if s, ok := st.(detect.State); ok {
			opts.State = s // incremental runs: the store records the detectors' input
		}
		if g, ok := st.(goodsReader); ok {
			// The goods classifier reads each new run's lines once; the military detector looks its readings up.
			start := time.Now()
			read, err := g.ReadGoods(ctx, detect.GoodsReaderVersion, detect.ClassifyGoods, func(r duckdb.GoodsRun) {
				if *format == "table" {
					fmt.Fprintf(cfg.stderr, "goods of run %d read: %d lines, %d read as controlled goods, in %s\n", r.Run, r.Lines, r.Hits, r.Took.Round(1e6))
				}
			})
			if err != nil {
				return err
			}
			if len(read) > 1 && *format == "table" {
				var lines int64
				for _, r := range read {
					lines += r.Lines
				}
				fmt.Fprintf(cfg.stderr, "goods of %d runs read: %d lines in %s\n", len(read), lines, time.Since(start).Round(1e6))
			}
		}
		stop, err := startCPUProfile(*cpuprofile)
		if err != nil {
			return err
		}
		began, cpu0 := time.Now(), rusage.CPU()
		cpu = cpu0
		reps, err := detect.RunWith(ctx, st, st, ds, opts)
		if err == nil && *format == "table" {
			fmt.Fprintf(cfg.stderr, "%d detectors in %s (%s of CPU time)\n", len(reps), time.Since(began).Round(1e6), (rusage.CPU() - cpu0).Round(1e7))
		}
		if err == nil {
			err = rebuildCases(ctx, cfg, st, *format)
		}
		if perr := stop(); err == nil {
			err = perr
		}
		if err != nil {
			return err
		}
	}
	// The findings are written as they are read: all of them (json, or --top 0) are more than a gigabyte whole.
	if *format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		return eachFinding(ctx, st, duckdb.FindingFilter{}, func(f *trade.Finding) error {
			return enc.Encode(jsonFinding{ID: f.ID, Detector: f.Detector, DetectorVersion: f.DetectorVersion, Key: f.Key,
				Score: f.Score, Severity: f.Severity.String(), Title: f.Title, Explanation: f.Explanation, Parties: f.Parties,
				Shipments: f.Shipments, Evidence: f.Evidence, ValueUSD: f.ValueUSD, WeightKg: f.WeightKg})
		})
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSCORE\tSEVERITY\tDETECTOR\tLINES\tFINDING")
	i := 0
	if err := eachFinding(ctx, st, duckdb.FindingFilter{Limit: *top}, func(f *trade.Finding) error {
		i++
		_, err := fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%d\t%s\n", i, f.Score, f.Severity, f.Detector, len(f.Shipments), clip(strings.ReplaceAll(f.Title, "\t", " "), 150))
		return err
	}); err != nil {
		return err
	}
	return tw.Flush()
}

// eachFinding calls fn with each finding the filter lists, in order: as the store reads them when it can (the
// DuckDB store), else from the whole list.
func eachFinding(ctx context.Context, st coreStore, f duckdb.FindingFilter, fn func(*trade.Finding) error) error {
	if s, ok := st.(interface {
		EachFinding(context.Context, duckdb.FindingFilter, func(*trade.Finding) error) error
	}); ok {
		return s.EachFinding(ctx, f, fn)
	}
	fs, err := st.Findings(ctx, f)
	if err != nil {
		return err
	}
	for i := range fs {
		if err := fn(&fs[i]); err != nil {
			return err
		}
	}
	return nil
}

// pickDetectors keeps the detectors named in a comma-separated list, in their usual order; an empty list keeps
// them all, and a name no detector has is an error that lists the names there are.
func pickDetectors(ds []detect.Detector, only string) ([]detect.Detector, error) {
	if strings.TrimSpace(only) == "" {
		return ds, nil
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var kept []detect.Detector
	var names []string
	for _, d := range ds {
		names = append(names, d.Name())
		if want[d.Name()] {
			kept = append(kept, d)
			delete(want, d.Name())
		}
	}
	if len(want) > 0 {
		var unknown []string
		for n := range want {
			unknown = append(unknown, n)
		}
		sort.Strings(unknown)
		return nil, fmt.Errorf("detect --only: no detector named %s (there are: %s)", strings.Join(unknown, ", "), strings.Join(names, ", "))
	}
	return kept, nil
}

// startCPUProfile starts writing a CPU profile to path, when set, and returns the function that stops it.
func startCPUProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("detect --cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("detect --cpuprofile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}

// rebuildCases rebuilds the cases after a run of the detectors, when the store keeps cases.
func rebuildCases(ctx context.Context, cfg *config, st any, format string) error {
	b, ok := st.(caseBuilder)
	if !ok {
		return nil
	}
	if format == "table" {
		fmt.Fprintf(cfg.stderr, "rebuilding the cases from the findings…\n")
	}
	start := time.Now()
	n, err := buildCases(ctx, b)
	if err != nil {
		return err
	}
	if format == "table" {
		fmt.Fprintf(cfg.stderr, "%d cases rebuilt from the findings in %s (tradetrace cases)\n", n, time.Since(start).Round(1e6))
	}
	return nil
}
