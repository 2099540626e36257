package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// detectors returns every detector, wired with what it needs. The families live in their own files.
func detectors(st coreStore, stderr io.Writer) []detect.Detector {
	ds := []detect.Detector{detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: detect.GoodsReaderVersion}}
	db, ok := st.(*duckdb.DB)
	if !ok {
		fmt.Fprintln(stderr, "detect: on ClickHouse only the military-goods detector runs for now; the others read tables only the DuckDB store has")
		return ds
	}
	ds = append(ds, goodsDetectors(db)...)
	ds = append(ds, routeDetectors(db)...)
	ds = append(ds, namesDetectors(db)...)
	return ds
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

func runDetect(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "detect", "[--format table|json] [--top N] [--no-run] [--force]")
	format := fs.String("format", "table", "table, or json: one finding per line")
	top := fs.Int("top", 25, "table: show the N highest-scoring findings (0: all)")
	noRun := fs.Bool("no-run", false, "print the stored findings without running the detectors")
	force := fs.Bool("force", false, "run every detector, also those whose input has not changed since their last run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("detect: --format must be table or json")
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*noRun {
		opts := detect.Options{Force: *force}
		db, isDuck := st.(*duckdb.DB)
		if isDuck {
			opts.State = db // incremental runs: the DuckDB store records the detectors' input
			// The goods classifier reads each new run's lines once; the military detector looks its readings up.
			start := time.Now()
			read, err := db.ReadGoods(ctx, detect.GoodsReaderVersion, detect.ClassifyGoods, func(r duckdb.GoodsRun) {
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
		reps, err := detect.RunWith(ctx, st, st, detectors(st, cfg.stderr), opts)
		if err != nil {
			return err
		}
		for _, r := range reps {
			if r.Skipped {
				fmt.Fprintf(cfg.stderr, "detector %s v%s: input unchanged since its last run, skipped (%d findings kept; --force runs it)\n", r.Detector, r.Version, r.Findings)
			} else if *format == "table" {
				fmt.Fprintf(cfg.stderr, "detector %s v%s: %d findings in %s\n", r.Detector, r.Version, r.Findings, r.Took.Round(1e6))
			}
		}
		if isDuck { // cases live in the DuckDB store only, so far
			n, err := buildCases(ctx, db)
			if err != nil {
				return err
			}
			if *format == "table" {
				fmt.Fprintf(cfg.stderr, "%d cases rebuilt from the findings (tradetrace cases)\n", n)
			}
		}
	}
	limit := *top
	if *format == "json" {
		limit = 0
	}
	fs2, err := st.Findings(ctx, duckdb.FindingFilter{Limit: limit})
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		for _, f := range fs2 {
			if err := enc.Encode(jsonFinding{ID: f.ID, Detector: f.Detector, DetectorVersion: f.DetectorVersion, Key: f.Key,
				Score: f.Score, Severity: f.Severity.String(), Title: f.Title, Explanation: f.Explanation, Parties: f.Parties,
				Shipments: f.Shipments, Evidence: f.Evidence, ValueUSD: f.ValueUSD, WeightKg: f.WeightKg}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSCORE\tSEVERITY\tDETECTOR\tLINES\tFINDING")
	for i, f := range fs2 {
		fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%d\t%s\n", i+1, f.Score, f.Severity, f.Detector, len(f.Shipments), clip(strings.ReplaceAll(f.Title, "\t", " "), 150))
	}
	return tw.Flush()
}
