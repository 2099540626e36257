package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"tradetrace/internal/trade"
)

func runRuns(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "runs", "[--rejected RUN] [--limit N]")
	rejected := fs.Int64("rejected", 0, "list the rejected rows of this run")
	limit := fs.Int("limit", 50, "at most this many lines")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	tw := tabwriter.NewWriter(cfg.stdout, 2, 4, 2, ' ', 0)
	defer tw.Flush()
	if *rejected > 0 {
		rows, err := st.Rejections(ctx, trade.RunID(*rejected), *limit)
		if err != nil {
			return err
		}
		fmt.Fprintln(tw, "FILE\tROW\tCOLUMN\tVALUE\tREASON\tDETAIL")
		for _, r := range rows {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", r.File, r.Row, r.Column, clip(r.Value, 40), r.Reason, clip(r.Detail, 80))
		}
		return nil
	}
	runs, err := st.Runs(ctx, *limit)
	if err != nil {
		return err
	}
	fmt.Fprintln(tw, "RUN\tSTATUS\tPROFILE\tREAD\tACCEPTED\tREJECTED\tSTARTED\tFILE")
	for _, r := range runs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", r.ID, r.Status, r.Profile, r.Read, r.Accepted, r.Rejected,
			r.Started.Format("2006-01-02 15:04:05"), r.File)
	}
	return nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
