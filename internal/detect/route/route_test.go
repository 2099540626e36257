package route_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/route"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// runCase ingests a case's input into a fresh store and runs the detectors, returning the findings and the
// case's wanted record sets by detector.
func runCase(t *testing.T, file string, plain bool, ds ...detect.Detector) ([]trade.Finding, map[string][][]string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := map[string][][]string{}
	var input string
	for _, f := range ar.Files {
		switch f.Name {
		case "input.csv":
			input = filepath.Join(dir, "input.csv")
			if err := os.WriteFile(input, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		case "want.json":
			if err := json.Unmarshal(f.Data, &want); err != nil {
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
	var src detect.Source = st
	if plain {
		src = plainSource{st}
	}
	if _, err := detect.Run(ctx, src, st, ds); err != nil {
		t.Fatal(err)
	}
	fs, err := st.Findings(ctx, duckdb.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return fs, want
}

func recordSets(fs []trade.Finding) map[string][][]string {
	got := map[string][][]string{}
	for _, f := range fs {
		got[f.Detector] = append(got[f.Detector], f.Shipments)
	}
	for _, sets := range got {
		sort.Slice(sets, func(i, j int) bool { return strings.Join(sets[i], ",") < strings.Join(sets[j], ",") })
	}
	return got
}

// plainSource hides the store's lean queries, so that detectors take the fallback through detect.Source.
type plainSource struct{ detect.Source }

func TestRouteCase(t *testing.T) {
	for _, file := range []string{"route.txtar", "twohubs.txtar"} {
		for _, plain := range []bool{false, true} {
			fs, want := runCase(t, filepath.Join("testdata", file), plain, route.Transshipment{}, route.Chain{})
			checkCase(t, fs, want)
		}
	}
}

func checkCase(t *testing.T, fs []trade.Finding, want map[string][][]string) {
	t.Helper()
	if diff := cmp.Diff(want, recordSets(fs)); diff != "" {
		t.Errorf("findings' records (-want +got):\n%s", diff)
	}
	for _, f := range fs {
		if f.Score <= 0 || f.Score > 1 || f.Title == "" || f.Explanation == "" || len(f.Evidence) == 0 || len(f.ShipmentIDs) != len(f.Shipments) {
			t.Errorf("finding %s: score %.3f, title %q, %d evidence, %d ids for %d records; want all set", f.Key, f.Score, f.Title, len(f.Evidence), len(f.ShipmentIDs), len(f.Shipments))
		}
		if f.Detector == "transshipment_chain" {
			// Every line of the chain is cited as evidence, once.
			var recs []string
			for _, e := range f.Evidence {
				if e.RecordID != "" {
					recs = append(recs, e.RecordID)
				}
			}
			sort.Strings(recs)
			if diff := cmp.Diff(f.Shipments, recs); diff != "" {
				t.Errorf("chain evidence rows (-shipments +evidence):\n%s", diff)
			}
		}
	}
}

// TestSharesHubSales: the two route detectors name the same read of the hub sales when they read the same
// lines (the run's source, or one store), different reads for different stores, and none for lines that are
// not a pointer, which cannot be told apart.
func TestSharesHubSales(t *testing.T) {
	a, b := &duckdb.DB{}, &duckdb.DB{}
	for _, c := range []struct {
		what   string
		ts, ch detect.Sharer
		same   bool
	}{
		{"the run's source", route.Transshipment{}, route.Chain{}, true},
		{"one store", route.Transshipment{Lines: a}, route.Chain{Lines: a}, true},
		{"two stores", route.Transshipment{Lines: a}, route.Chain{Lines: b}, false},
		{"a store and the run's source", route.Transshipment{Lines: a}, route.Chain{}, false},
	} {
		x, y := c.ts.Shares(), c.ch.Shares()
		if len(x) != 1 || len(y) != 1 {
			t.Fatalf("%s: shares %q and %q, want one read each", c.what, x, y)
		}
		if (x[0] == y[0]) != c.same {
			t.Errorf("%s: shares %q and %q; the same: %v, want %v", c.what, x, y, x[0] == y[0], c.same)
		}
	}
	if got := (route.Chain{Lines: plainLines{a}}).Shares(); len(got) != 0 {
		t.Errorf("lines that are not a pointer: shares %q, want none", got)
	}
}

type plainLines struct{ decl.Lines }
