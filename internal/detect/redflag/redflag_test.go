package redflag_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/redflag"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/sample/sampletest"
	"tradetrace/internal/trade"
)

// history is a fake Store: the histories a test gives, and no lines.
type history []redflag.Appearance

func (h history) BuyerHistory(_ context.Context, _ redflag.HistoryQuery, fn func(*redflag.Appearance) error) error {
	for i := range h {
		if err := fn(&h[i]); err != nil {
			return err
		}
	}
	return nil
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestFlags checks which flag each history raises, from the figures alone.
func TestFlags(t *testing.T) {
	old := redflag.Appearance{Name: "OOO STARYI", ID: "7700000001", Country: "RU", First: day("2021-01-05"), Last: day("2023-12-01")}
	for _, c := range []struct {
		name string
		app  redflag.Appearance
		want string // the flag in the key, "" for none
	}{
		{"new buyer", redflag.Appearance{Name: "OOO NOVYI", ID: "7700000002", Country: "RU", First: day("2022-05-01"), Last: day("2023-10-01"),
			FirstHP: day("2022-05-01"), After: redflag.Figures{Lines: 10, HPLines: 8, Value: 900000, HPValue: 800000}}, "new_buyer"},
		{"new buyer of too little", redflag.Appearance{Name: "OOO MALYI", ID: "7700000003", Country: "RU", First: day("2022-05-01"), Last: day("2023-10-01"),
			FirstHP: day("2022-05-01"), After: redflag.Figures{Lines: 10, HPLines: 2, Value: 900000, HPValue: 8000}}, ""},
		{"none before, many after", func() redflag.Appearance {
			a := old
			a.Before = redflag.Figures{Lines: 20, Value: 100000}
			a.After = redflag.Figures{Lines: 30, HPLines: 12, Value: 700000, HPValue: 600000}
			return a
		}(), "hp_after_none_before"},
		{"spike", func() redflag.Appearance {
			a := old
			a.Before = redflag.Figures{Lines: 20, HPLines: 2, Value: 100000, HPValue: 10000}
			a.After = redflag.Figures{Lines: 30, HPLines: 12, Value: 700000, HPValue: 600000}
			return a
		}(), "hp_spike"},
		{"steady", func() redflag.Appearance {
			a := old
			a.Before = redflag.Figures{Lines: 20, HPLines: 10, Value: 300000, HPValue: 200000}
			a.After = redflag.Figures{Lines: 40, HPLines: 20, Value: 700000, HPValue: 400000}
			return a
		}(), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			st, err := duckdb.Open(ctx, ":memory:", duckdb.Config{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			// The anchor, a buyer seen since 2021 that raises nothing, gives the data its span before the
			// cutoff; the line source gives the flagged buyer one line of evidence.
			anchor := redflag.Appearance{Name: "OOO YAKOR", ID: "7700000009", Country: "RU", First: day("2021-01-05"), Last: day("2023-12-20"),
				Before: redflag.Figures{Lines: 5, Value: 5000}, After: redflag.Figures{Lines: 5, Value: 5000}}
			d := redflag.RedFlags{Store: history{anchor, c.app}, Lines: oneLine{c.app}}
			fs, err := d.Detect(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if len(fs) == 1 {
				got = strings.Split(fs[0].Key, "|")[1]
				if !strings.Contains(fs[0].Explanation, "Before 24 February 2022") || len(fs[0].Shipments) != 1 {
					t.Errorf("finding %s: explanation %q, %d lines; want the before/after figures and the line", fs[0].Key, fs[0].Explanation, len(fs[0].Shipments))
				}
			} else if len(fs) > 1 {
				t.Fatalf("%d findings for one buyer", len(fs))
			}
			if got != c.want {
				t.Errorf("flag = %q, want %q", got, c.want)
			}
		})
	}
}

// oneLine is a line source with one high-priority line bought by the appearance.
type oneLine struct{ a redflag.Appearance }

func (o oneLine) ScanLines(_ context.Context, _ decl.Query, fn func(*trade.Shipment) error) error {
	s := trade.Shipment{ID: 1, RecordID: "L1", Date: day("2023-01-10"), HS: "8542310001", Destination: "RU",
		Consignee: trade.Party{Name: o.a.Name, ID: o.a.ID, Country: o.a.Country}}
	return fn(&s)
}

// TestSamplePlanted checks that the planted new buyers of the reference sample raise the red flags, with
// every planted line among the evidence.
func TestSamplePlanted(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and ingests a sample")
	}
	ctx := context.Background()
	st, man, _ := sampletest.Store(t, 20000, 7, 0)
	if _, err := detect.Run(ctx, st, st, []detect.Detector{redflag.RedFlags{}}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// A re-run gives the same findings.
	if _, err := detect.Run(ctx, st, st, []detect.Detector{redflag.RedFlags{}}); err != nil {
		t.Fatal(err)
	}
	again, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(fs) {
		t.Fatalf("re-run: %d findings, want %d", len(again), len(fs))
	}
	for i := range fs {
		a, b := fs[i], again[i]
		if a.Key != b.Key || a.Score != b.Score || a.Title != b.Title || a.Explanation != b.Explanation || strings.Join(a.Shipments, ",") != strings.Join(b.Shipments, ",") {
			t.Fatalf("re-run: finding %d differs: %s %.3f %q, then %s %.3f %q", i, a.Key, a.Score, a.Title, b.Key, b.Score, b.Title)
		}
	}
	flagged := map[string]string{}
	for _, f := range fs {
		for _, r := range f.Shipments {
			flagged[r] = f.Key
		}
	}
	n := 0
	for _, e := range man.Events {
		if e.ID != "new-buyers-chpl" {
			continue
		}
		for _, r := range e.Records {
			n++
			if k, ok := flagged[r.RecordID]; !ok {
				t.Errorf("planted line %s of %s (%s) raises no red flag", r.RecordID, r.Consignee, r.Group)
			} else if !strings.Contains(k, "|new_buyer|") {
				t.Errorf("planted line %s of new buyer %s is in %s, want a new-buyer flag", r.RecordID, r.Consignee, k)
			}
		}
	}
	if n == 0 {
		t.Fatal("the sample has no new-buyers-chpl records")
	}
}
