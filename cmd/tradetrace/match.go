package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"tradetrace/internal/names"
)

// runMatch is the name engine on its own (PRODUCT.md, "Interfaces"): each name1,name2 row comes back with a
// score column in [0, 1].
func runMatch(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "match", "--pairs FILE.csv [--explain]")
	pairs := fs.String("pairs", "", "a CSV file with name1,name2 columns (more columns allowed; - for standard input)")
	explain := fs.Bool("explain", false, "add an explanation column")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pairs == "" {
		fs.Usage()
		return fmt.Errorf("match: --pairs is required")
	}
	var in io.Reader = os.Stdin
	if *pairs != "-" {
		f, err := os.Open(*pairs)
		if err != nil {
			return fmt.Errorf("match: %w", err)
		}
		defer f.Close()
		in = f
	}
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1
	hdr, err := r.Read()
	if err != nil {
		return fmt.Errorf("match: %s: %w", *pairs, err)
	}
	i1, i2 := -1, -1
	for i, h := range hdr {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "name1":
			i1 = i
		case "name2":
			i2 = i
		}
	}
	if i1 < 0 || i2 < 0 {
		return fmt.Errorf("match: %s: the header needs name1 and name2 columns", *pairs)
	}
	w := csv.NewWriter(cfg.stdout)
	outHdr := append(append([]string(nil), hdr...), "score")
	if *explain {
		outHdr = append(outHdr, "explanation")
	}
	if err := w.Write(outHdr); err != nil {
		return err
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("match: %s: %w", *pairs, err)
		}
		if len(rec) <= max(i1, i2) {
			return fmt.Errorf("match: %s: line %d has %d fields, want at least %d", *pairs, line, len(rec), max(i1, i2)+1)
		}
		sc := names.Compare(names.Prepare(rec[i1], names.Options{}), names.Prepare(rec[i2], names.Options{}))
		out := append(rec, strconv.FormatFloat(sc.Value, 'f', 4, 64))
		if *explain {
			out = append(out, strings.ReplaceAll(sc.String(), "\n", "; "))
		}
		if err := w.Write(out); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
