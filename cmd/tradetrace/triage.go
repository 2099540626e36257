package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"tradetrace/internal/cases"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// triageStore is what the triage command needs of a store; both stores have it.
type triageStore interface {
	Case(ctx context.Context, idOrKey string) (*cases.Case, []trade.Finding, error)
	FindingExists(ctx context.Context, key string) (bool, error)
	FindingKeyByID(ctx context.Context, id int64) (string, bool, error)
	SetTriage(ctx context.Context, dec cases.Decision) (cases.Decision, error)
	TriageHistory(ctx context.Context, target cases.Target) ([]cases.Decision, error)
	Close() error
}

func runTriage(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "triage", "case ID|KEY | finding ID|KEY [--status new|confirmed|dismissed] [--note TEXT] [--who NAME]")
	status := fs.String("status", "", "the decision: new, confirmed or dismissed; without it, print the target's history")
	note := fs.String("note", "", "why")
	who := fs.String("who", os.Getenv("USER"), "who decides (default $USER)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return fmt.Errorf("triage: want case|finding and a key")
	}
	target, err := cases.ParseTarget(pos[0], pos[1])
	if err != nil {
		return fmt.Errorf("triage: %w", err)
	}
	st, err := openFor[triageStore](ctx, cfg, "triage")
	if err != nil {
		return err
	}
	defer st.Close()
	if pos[0] == "case" {
		// A case may be named by its id in the listing; decisions attach to its key, which outlives rebuilds.
		c, _, err := st.Case(ctx, pos[1])
		if errors.Is(err, duckdb.ErrNotFound) {
			return fmt.Errorf("triage: no case %q (run 'tradetrace cases' to list them)", pos[1])
		}
		if err != nil {
			return err
		}
		target = cases.CaseTarget(c.Key)
	} else {
		ok, err := st.FindingExists(ctx, pos[1])
		if err != nil {
			return err
		}
		if !ok {
			// A finding may be named by its id in the listing; decisions attach to its key, which outlives re-runs.
			if id, perr := strconv.ParseInt(pos[1], 10, 64); perr == nil {
				key, found, err := st.FindingKeyByID(ctx, id)
				if err != nil {
					return err
				}
				ok, target = found, cases.FindingTarget(key)
			}
		}
		if !ok {
			return fmt.Errorf("triage: no finding with key or id %q (see 'tradetrace detect --no-run --format json')", pos[1])
		}
	}
	if *status != "" {
		s, err := cases.ParseStatus(*status)
		if err != nil {
			return fmt.Errorf("triage: --status: %w", err)
		}
		if *who == "" {
			return fmt.Errorf("triage: --who is empty and $USER is not set")
		}
		dec, err := st.SetTriage(ctx, cases.Decision{Target: target, Status: s, Note: *note, Who: *who})
		if err != nil {
			return err
		}
		fmt.Fprintf(cfg.stderr, "%s marked %s by %s\n", dec.Target, dec.Status, dec.Who)
	}
	hist, err := st.TriageHistory(ctx, target)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DECIDED\tSTATUS\tWHO\tNOTE")
	for _, d := range hist {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.Decided.Format("2006-01-02 15:04:05"), d.Status, clip(oneLine(d.Who), 30), clip(oneLine(d.Note), 100))
	}
	return tw.Flush()
}
