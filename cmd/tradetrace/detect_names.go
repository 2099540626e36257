package main

import (
	"context"
	"io"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/listed"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

// listedMinScore is the name score from which a party in a shipment counts as listed. The name engine's own
// threshold (0.5) suits screening, where a person reads each candidate; a finding that raises a case needs a
// stronger match. The seed parties score 0.95 and more against their entries.
const listedMinScore = 0.7

// namesDetectors returns the detectors of listed parties (issue 3). The listed-party detector reads the lists
// too, so a new list version re-runs it even when no shipments came in. rescreen has it screen every name again
// (see listed.Memo); runDetect runs it then, whatever its input.
func namesDetectors(st namesStore, log io.Writer, rescreen bool) []detect.Detector {
	var ls listed.Store = listedStore{st}
	if m, ok := st.(listed.Memo); ok {
		// The store keeps screenings between runs: a run screens only the names that came in since.
		ls = memoListedStore{listedStore{st}, m}
	}
	d := listed.Detector{Store: ls, Log: log, MinScore: listedMinScore, Rescreen: rescreen}
	return []detect.Detector{detect.WithInputKey(d, st.ListsKey)}
}

// memoListedStore is a listedStore whose store keeps screenings (listed.Memo).
type memoListedStore struct {
	listedStore
	listed.Memo
}

// namesStore is what the listed-party detector reads of a store: the current lists and their key, the distinct
// parties of the shipments and the lines they stand on.
type namesStore interface {
	CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error)
	ListsKey(ctx context.Context) (string, error)
	DistinctPartyNames(ctx context.Context, fn func(*duckdb.PartyName) error) error
	PartyLines(ctx context.Context, role string, partyNames []string) ([]duckdb.PartyLine, error)
	ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error
}

// listedStore adapts a store to what the listed-party detector reads.
type listedStore struct{ db namesStore }

func (s listedStore) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) {
	return s.db.CurrentListEntities(ctx)
}

func (s listedStore) PartyNames(ctx context.Context, fn func(listed.PartyName) error) error {
	return s.db.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		return fn(listed.PartyName{Role: p.Role, Name: p.Name, NameEn: p.NameEn, Country: p.Country, ID: p.ID, Lines: p.Lines})
	})
}

func (s listedStore) ShipmentFacts(ctx context.Context, ids []trade.ShipmentID, fn func(*trade.Shipment) error) error {
	return s.db.ShipmentFacts(ctx, ids, fn)
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
