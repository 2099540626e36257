package main

import (
	"context"
	"os"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/listed"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// namesDetectors returns the detectors of listed parties (issue 3).
func namesDetectors(st *duckdb.DB) []detect.Detector {
	return []detect.Detector{listed.Detector{Store: listedStore{st}, Log: os.Stderr}}
}

// listedStore adapts the DuckDB store to what the listed-party detector reads.
type listedStore struct{ db *duckdb.DB }

func (s listedStore) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) {
	return s.db.CurrentListEntities(ctx)
}

func (s listedStore) PartyNames(ctx context.Context, fn func(listed.PartyName) error) error {
	return s.db.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		return fn(listed.PartyName{Role: p.Role, Name: p.Name, NameEn: p.NameEn, Country: p.Country, ID: p.ID, Lines: p.Lines})
	})
}

func (s listedStore) PartyLines(ctx context.Context, role string, names []string) ([]listed.PartyLine, error) {
	ls, err := s.db.PartyLines(ctx, role, names)
	if err != nil {
		return nil, err
	}
	out := make([]listed.PartyLine, len(ls))
	for i, l := range ls {
		out[i] = listed.PartyLine{ID: l.ID, Name: l.Name, NameEn: l.NameEn, Country: l.Country, PartyID: l.PartyID}
	}
	return out, nil
}
