package zz

import (
	"context"
	"os"
	"testing"
	"time"
	"runtime/pprof"

	"tradetrace/internal/detect/listed"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/trade"
)

type ls struct{ db *duckdb.DB }

func (s ls) CurrentListEntities(ctx context.Context) ([]trade.ListEntity, error) { return s.db.CurrentListEntities(ctx) }
func (s ls) PartyNames(ctx context.Context, fn func(listed.PartyName) error) error {
	t := time.Now()
	defer func() { println("partynames", time.Since(t).String()) }()
	return s.db.DistinctPartyNames(ctx, func(p *duckdb.PartyName) error {
		return fn(listed.PartyName{Role: p.Role, Name: p.Name, NameEn: p.NameEn, Country: p.Country, ID: p.ID, Lines: p.Lines})
	})
}
func (s ls) PartyLines(ctx context.Context, role string, names []string) ([]listed.PartyLine, error) {
	l, err := s.db.PartyLines(ctx, role, names)
	out := make([]listed.PartyLine, len(l))
	for i, x := range l {
		out[i] = listed.PartyLine{ID: x.ID, Name: x.Name, NameEn: x.NameEn, Country: x.Country, PartyID: x.PartyID}
	}
	return out, err
}

func TestP(t *testing.T) {
	ctx := context.Background()
	st, err := duckdb.Open(ctx, "/tmp/h3/demo.duckdb", duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f, _ := os.Create("/tmp/h3/cpu.prof")
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	d := listed.Detector{Store: ls{st}, Log: os.Stderr}
	fs, err := d.Detect(ctx, st)
	t.Log(len(fs), err)
}
