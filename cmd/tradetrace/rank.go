package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"tradetrace/internal/rank"
)

func runRank(ctx context.Context, cfg *config, args []string) error {
	fs := newFlags(cfg, "rank", "--train TRAIN.csv --label COLUMN --score TEST.csv [--out FILE]")
	train := fs.String("train", "", "labelled history (CSV)")
	label := fs.String("label", "", "the label column of the history (1 or a positive value = found at inspection)")
	score := fs.String("score", "", "rows to rank (CSV); written back with a score column")
	out := fs.String("out", "", "where to write the scored rows (default: standard output)")
	seed := fs.Uint64("seed", 1, "random seed of the learner")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *train == "" || *label == "" || *score == "" {
		fs.Usage()
		return fmt.Errorf("rank: --train, --label and --score are required")
	}
	hdr, rows, err := rank.ReadCSVFile(*train)
	if err != nil {
		return err
	}
	m, err := rank.Train(rows, hdr, *label, rank.Config{Seed: *seed})
	if err != nil {
		return err
	}
	thdr, trows, err := rank.ReadCSVFile(*score)
	if err != nil {
		return err
	}
	aligned, err := m.Align(thdr, trows)
	if err != nil {
		return err
	}
	scores := m.ScoreAll(aligned)
	w := cfg.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("rank: %w", err)
		}
		defer f.Close()
		w = f
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(append(append([]string(nil), thdr...), "score")); err != nil {
		return err
	}
	for i, r := range trows {
		if err := cw.Write(append(append([]string(nil), r...), strconv.FormatFloat(scores[i], 'f', 6, 64))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
