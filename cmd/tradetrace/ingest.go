package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"tradetrace/internal/ingest"
)

func runIngest(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "ingest", "[--profile NAME | --mapping FILE] [--sheet NAME] FILE...")
	profile := fs.String("profile", "", "a built-in profile (default: detected from the header): "+profileNames())
	mapping := fs.String("mapping", "", "a mapping file describing the layout (see README)")
	sheet := fs.String("sheet", "", "XLSX: the sheet to read, by name or 1-based number (default: the first)")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: no files")
	}
	if *profile != "" && *mapping != "" {
		return fmt.Errorf("ingest: --profile and --mapping exclude each other")
	}
	st, err := openCoreStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	for _, f := range files {
		res, err := ingest.File(ctx, st, f, ingest.Options{Profile: *profile, Mapping: *mapping, Sheet: *sheet, Progress: cfg.stderr})
		if err != nil {
			fmt.Fprintln(cfg.stderr, err) // ingest's errors name the file
			failed++
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		printSummary(cfg, f, res)
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d of %d file(s) failed", failed, len(files))
	}
	return nil
}

func profileNames() string {
	var n []string
	for _, p := range ingest.Builtins() {
		n = append(n, p.Name)
	}
	return strings.Join(n, ", ")
}

func printSummary(cfg *config, file string, res *ingest.Result) {
	w := cfg.stdout
	r := res.Run
	if res.Skipped {
		fmt.Fprintf(w, "%s: already ingested as run %d (same bytes): nothing added\n", file, res.SameAs)
		return
	}
	how := "given"
	if res.Detected {
		how = "detected from the header"
	}
	fmt.Fprintf(w, "%s: run %d, profile %s (%s), %s, %s\n", file, r.ID, r.Profile, how, r.Format, r.Encoding)
	fmt.Fprintf(w, "  rows read %d = accepted %d + rejected %d\n", r.Read, r.Accepted, r.Rejected)
	var reasons []string
	for k := range r.Reasons {
		reasons = append(reasons, k)
	}
	sort.Strings(reasons)
	for _, k := range reasons {
		fmt.Fprintf(w, "    rejected, %s: %d\n", k, r.Reasons[k])
	}
	var cols []string
	for c := range res.Warnings {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	for _, c := range cols {
		fmt.Fprintf(w, "    kept as unknown, %s: %d value(s) not recognised as a country, e.g. %q\n", c, res.Warnings[c], res.Examples[c])
	}
	if r.Rejected > 0 {
		fmt.Fprintf(w, "  see the rejected rows with: tradetrace runs --rejected %d\n", r.ID)
	}
}
