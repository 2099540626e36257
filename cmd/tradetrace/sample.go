package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"tradetrace/internal/sample"
)

func runSample(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "sample", "[--rows N] [--seed S] [--out DIR] [--gzip]")
	rows := fs.Int64("rows", 200000, "rows to write in all (thousands to 10 million)")
	seed := fs.Uint64("seed", 2023, "random seed: the same seed and size give the same bytes")
	out := fs.String("out", "sample", "directory to write the files and planted.json into")
	gz := fs.Bool("gzip", false, "gzip the files")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	var last time.Time
	progress := func(done, total int64) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		if isTerminal(cfg.stderr) {
			fmt.Fprintf(cfg.stderr, "\rsample: %d of %d rows", done, total)
		}
	}
	m, err := sample.Generate(ctx, sample.Config{Dir: *out, Rows: *rows, Seed: *seed, Gzip: *gz, Progress: progress})
	if err != nil {
		return err
	}
	if isTerminal(cfg.stderr) {
		fmt.Fprintln(cfg.stderr)
	}
	for _, f := range m.Files {
		fmt.Fprintf(cfg.stdout, "%s\t%s\t%s\t%d rows\n", filepath.Join(*out, f.Name), f.Profile, f.Encoding, f.Rows)
	}
	fmt.Fprintf(cfg.stdout, "%d rows in %d files, %d planted events, key in %s (detectors never read it); %s\n", m.Rows, len(m.Files),
		len(m.Events), filepath.Join(*out, sample.KeyFile), time.Since(start).Round(time.Millisecond))
	return nil
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
