package misdeclared_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// expected is what a case pins of a finding; scores are bounded from below, so that tuning the weights does
// not rewrite every case, while a finding that drops still fails.
type expected struct {
	Key       string   `json:"key"`
	Shipments []string `json:"shipments"`
	ValueUSD  float64  `json:"value_usd"`
	MinScore  float64  `json:"min_score"`
}

// runCase ingests a case's input into a fresh store (the real DuckDB) and runs the detector over it.
func runCase(t *testing.T, file string) ([]trade.Finding, *txtar.Archive, *duckdb.DB) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "input.csv")
	for _, f := range ar.Files {
		if f.Name == "input.csv" {
			if err := os.WriteFile(input, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	st, err := duckdb.Open(ctx, filepath.Join(dir, "t.duckdb"), duckdb.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := ingest.File(ctx, st, input, ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Rejected != 0 {
		t.Fatalf("the case's input has %d rejected rows: %v", res.Run.Rejected, res.Run.Reasons)
	}
	d := misdeclared.Detector{Store: st}
	if _, err := detect.Run(ctx, st, st, []detect.Detector{d}); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{Detector: d.Name()})
	if err != nil {
		t.Fatal(err)
	}
	return fs, ar, st
}

func TestMisdeclared(t *testing.T) {
	file := filepath.Join("testdata", "misdeclared.txtar")
	fs, ar, _ := runCase(t, file)
	var got []expected
	for _, f := range fs {
		got = append(got, expected{Key: f.Key, Shipments: f.Shipments, ValueUSD: f.ValueUSD, MinScore: f.Score})
		if f.Explanation == "" || len(f.Evidence) < 3 || f.Severity < trade.SeverityLow {
			t.Errorf("finding %s: explanation %q, %d evidence items, severity %s; want an explanation, evidence and at least low",
				f.Key, f.Explanation, len(f.Evidence), f.Severity)
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Key < got[j].Key })
	if *update {
		for i := range got {
			got[i].MinScore = float64(int(got[i].MinScore*20)) / 20 // round down to 0.05
		}
		b, _ := json.MarshalIndent(got, "", "  ")
		for i := range ar.Files {
			if ar.Files[i].Name == "want.json" {
				ar.Files[i].Data = append(b, '\n')
			}
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var want []expected
	for _, f := range ar.Files {
		if f.Name == "want.json" {
			if err := json.Unmarshal(f.Data, &want); err != nil {
				t.Fatal(err)
			}
		}
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Key < want[j].Key })
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), cmp.Diff(want, got))
	}
	for i := range want {
		if got[i].MinScore < want[i].MinScore {
			t.Errorf("finding %s: score %.3f, want at least %.3f", got[i].Key, got[i].MinScore, want[i].MinScore)
		}
		got[i].MinScore = want[i].MinScore
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestMisdeclaredEvidence checks that a misdeclaration shows both sides: the code with what it says, and the
// words that decided the goods.
func TestMisdeclaredEvidence(t *testing.T) {
	fs, _, _ := runCase(t, filepath.Join("testdata", "misdeclared.txtar"))
	var rifles *trade.Finding
	for i := range fs {
		if strings.Contains(fs[i].Key, "arms.military") {
			rifles = &fs[i]
		}
	}
	if rifles == nil {
		t.Fatal("no finding of military weapons")
	}
	ev := map[string]string{}
	for _, e := range rifles.Evidence {
		ev[e.Label] = e.Value
	}
	for label, want := range map[string]string{
		"declared code":              "9303300000: Sporting, hunting",
		"goods (text, model, maker)": "cq a",
		"text claims":                "Sporting, hunting",
	} {
		if !strings.Contains(ev[label], want) {
			t.Errorf("rifles evidence %q = %q, want it to hold %q", label, ev[label], want)
		}
	}
	for _, f := range fs {
		if strings.Contains(f.Key, "|8422|") && f.Score >= rifles.Score-0.2 {
			t.Errorf("packing machine of a weapons maker scores %.3f, want well below the rifles' %.3f", f.Score, rifles.Score)
		}
	}
	if fs[0].Key != rifles.Key && !strings.Contains(fs[0].Key, "drone") {
		t.Errorf("top finding = %s, want the rifles or the toy drones", fs[0].Key)
	}
}

// TestMisdeclaredRerun checks that a second run gives the same findings, in the same order.
func TestMisdeclaredRerun(t *testing.T) {
	fs1, _, st := runCase(t, filepath.Join("testdata", "misdeclared.txtar"))
	ctx := context.Background()
	d := misdeclared.Detector{Store: st}
	if _, err := detect.Run(ctx, st, st, []detect.Detector{d}); err != nil {
		t.Fatal(err)
	}
	fs2, err := st.Findings(ctx, duckdb.FindingFilter{Detector: d.Name()})
	if err != nil {
		t.Fatal(err)
	}
	strip := func(fs []trade.Finding) []trade.Finding {
		out := append([]trade.Finding(nil), fs...)
		for i := range out {
			out[i].ID = 0
		}
		return out
	}
	if diff := cmp.Diff(strip(fs1), strip(fs2)); diff != "" {
		t.Errorf("second run differs (-first +second):\n%s", diff)
	}
}
