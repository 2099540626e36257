package main

import (
	"context"
	"fmt"

	"tradetrace/internal/flow"
	"tradetrace/internal/source/comext"
)

func runFlows(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "flows", "surges [--top N] FILE...  (Eurostat Comext extracts, gzip or not)")
	top := fs.Int("top", 5, "codes listed per partner")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 || pos[0] != "surges" {
		fs.Usage()
		return fmt.Errorf("flows: want 'surges FILE...'")
	}
	var all []flow.Record
	for _, f := range pos[1:] {
		rs, st, err := comext.ReadFile(f, comext.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(cfg.stderr, "%s: %d rows, %d records, skipped by reason %v\n", f, st.Rows, len(rs), st.Skipped)
		all = append(all, rs...)
	}
	rep, err := flow.Surges(all, flow.SurgeOptions{TopCodes: *top})
	if err != nil {
		return err
	}
	return flow.WriteSurges(cfg.stdout, rep, *top)
}
