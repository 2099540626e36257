package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// caseRouteDetectors are detectors whose findings are about routes even when no shipment of theirs was
// dispatched from a hub (chains link records on both sides of one); findings through a hub are route findings
// whatever their detector.
var caseRouteDetectors = []string{"transshipment", "transshipment_chain"}

// caseBuilder is what rebuilding the cases needs of a store.
type caseBuilder interface {
	CaseInputs(ctx context.Context) ([]cases.Input, error)
	ReplaceCases(ctx context.Context, cs []cases.Case) error
}

// casesStore is what the cases command needs of a store; both stores have it.
type casesStore interface {
	caseBuilder
	Cases(ctx context.Context, f duckdb.CaseFilter) ([]cases.Case, error)
	Case(ctx context.Context, idOrKey string) (*cases.Case, []trade.Finding, error)
	FindingStatuses(ctx context.Context) (map[string]cases.Status, error)
	TriageHistory(ctx context.Context, target cases.Target) ([]cases.Decision, error)
	Close() error
}

// buildCases rebuilds the cases from the stored findings and their triage, in place of the previous ones; it
// returns how many there are. Run it after the detectors.
func buildCases(ctx context.Context, st caseBuilder) (int, error) {
	in, err := st.CaseInputs(ctx)
	if err != nil {
		return 0, err
	}
	cs := cases.Build(in, cases.Options{RouteDetectors: caseRouteDetectors})
	if err := st.ReplaceCases(ctx, cs); err != nil {
		return 0, err
	}
	return len(cs), nil
}

func runCases(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "cases", "[--top N] [--format table|json] [--status new|confirmed|dismissed] [--no-build] [--case ID|KEY]")
	top := fs.Int("top", 20, "show the N highest-scoring cases (0: all)")
	format := fs.String("format", "table", "table, or json: one case per line")
	status := fs.String("status", "", "only cases in this triage state: new, confirmed or dismissed")
	kind := fs.String("kind", "", "only cases of this kind: party or route")
	reasons := fs.Int("reasons", 3, "table: the best N reasons under each case")
	noBuild := fs.Bool("no-build", false, "list the stored cases without rebuilding them from the findings")
	one := fs.String("case", "", "show one case (id or key) with its findings and triage history")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("cases: --format must be table or json")
	}
	var filter duckdb.CaseFilter
	if *status != "" {
		s, err := cases.ParseStatus(*status)
		if err != nil {
			return fmt.Errorf("cases: --status: %w", err)
		}
		filter.Status = s
	}
	switch cases.Kind(*kind) {
	case "", cases.KindParty, cases.KindRoute:
		filter.Kind = cases.Kind(*kind)
	default:
		return fmt.Errorf("cases: --kind must be party or route")
	}
	st, err := openFor[casesStore](ctx, cfg, "cases")
	if err != nil {
		return err
	}
	defer st.Close()
	if !*noBuild {
		n, err := buildCases(ctx, st)
		if err != nil {
			return err
		}
		if *format == "table" {
			fmt.Fprintf(cfg.stderr, "%d cases built from the findings (grouping v%s)\n", n, cases.Version)
		}
	}
	if *one != "" {
		return showCase(ctx, cfg, st, *one, *format)
	}
	filter.Limit = *top
	cs, err := st.Cases(ctx, filter)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		for _, c := range cs {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tSCORE\tSTATUS\tKIND\tFINDINGS\tVALUE_USD\tPERIOD\tCASE")
	for i, c := range cs {
		fmt.Fprintf(tw, "%d\t%.3f\t%s\t%s\t%d\t%.0f\t%s\t%s  [%s]\n", i+1, c.Score, c.Status, c.Kind, len(c.Findings), c.ValueUSD,
			period(c), clip(oneLine(c.Title), 80), c.Key)
		for j, r := range c.Reasons {
			if j >= *reasons {
				break
			}
			fmt.Fprintf(tw, "\t\t\t\t\t\t\t  - %s\n", clip(oneLine(reasonText(r)), 140))
		}
	}
	return tw.Flush()
}

func period(c cases.Case) string {
	if c.FirstDate.IsZero() {
		return "-"
	}
	a, b := c.FirstDate.Format("2006-01"), c.LastDate.Format("2006-01")
	if a == b {
		return a
	}
	return a + ".." + b
}

func reasonText(r cases.Reason) string {
	if r.Detector == "" {
		return fmt.Sprintf("%.3f %s", r.Score, r.Text)
	}
	return fmt.Sprintf("%.3f %s: %s", r.Score, r.Detector, r.Text)
}

// oneLine keeps text from the data on one line of the table.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// showCase prints one case with its findings and the triage history of the case.
func showCase(ctx context.Context, cfg *config, st casesStore, idOrKey, format string) error {
	c, fs, err := st.Case(ctx, idOrKey)
	if errors.Is(err, duckdb.ErrNotFound) {
		return fmt.Errorf("cases: no case %q (run 'tradetrace cases' to list them)", idOrKey)
	}
	if err != nil {
		return err
	}
	hist, err := st.TriageHistory(ctx, cases.CaseTarget(c.Key))
	if err != nil {
		return err
	}
	states, err := st.FindingStatuses(ctx)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(cfg.stdout)
		enc.SetEscapeHTML(false)
		out := struct {
			cases.Case
			FindingRows []jsonFinding    `json:"finding_rows"`
			History     []cases.Decision `json:"history"`
		}{Case: *c, History: hist}
		for _, f := range fs {
			out.FindingRows = append(out.FindingRows, jsonFinding{ID: f.ID, Detector: f.Detector, DetectorVersion: f.DetectorVersion,
				Key: f.Key, Score: f.Score, Severity: f.Severity.String(), Title: f.Title, Explanation: f.Explanation,
				Parties: f.Parties, Shipments: f.Shipments, Evidence: f.Evidence, ValueUSD: f.ValueUSD, WeightKg: f.WeightKg})
		}
		return enc.Encode(out)
	}
	w := cfg.stdout
	fmt.Fprintf(w, "case %d  %s\n%s\nscore %.3f  status %s  kind %s  period %s  value $%.0f\n", c.ID, c.Key, oneLine(c.Title),
		c.Score, c.Status, c.Kind, period(*c), c.ValueUSD)
	fmt.Fprintln(w, "\nreasons:")
	for _, r := range c.Reasons {
		fmt.Fprintf(w, "  - %s\n", oneLine(reasonText(r)))
	}
	fmt.Fprintln(w, "\nfindings:")
	for _, f := range fs {
		status := states[f.Key]
		if status == "" {
			status = cases.StatusNew
		}
		fmt.Fprintf(w, "  %.3f %-9s %-18s %s\n        finding %d, key %s; records %s\n", f.Score, status, f.Detector, oneLine(f.Title),
			f.ID, f.Key, clip(strings.Join(f.Shipments, " "), 120))
	}
	if len(hist) > 0 {
		fmt.Fprintln(w, "\ntriage:")
		for _, d := range hist {
			fmt.Fprintf(w, "  %s  %-9s  %s  %s\n", d.Decided.Format("2006-01-02 15:04:05"), d.Status, oneLine(d.Who), oneLine(d.Note))
		}
	}
	return nil
}
