package duckdb

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/cases"
	"tradetrace/internal/detect"
	"tradetrace/internal/trade"
)

// TestCasesAndTriage stores cases built from findings, reads them back whole, filters and pages them, and checks
// that triage decisions outlive re-running the detector and rebuilding the cases.
func TestCasesAndTriage(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/c.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	hostile := `ООО "Ромашка" \ <script>alert(1)</script> 'x' \N`
	p := trade.FindingParty{Name: hostile, Role: "consignee", Country: "RU", ID: "7700000001"}
	q := trade.FindingParty{Name: "ACME TRADING", Role: "shipper", Country: "CN"}
	fs := []trade.Finding{
		{Key: "f1", Score: 0.8, Title: "one\ttab", Parties: []trade.FindingParty{q, p}},
		{Key: "f2", Score: 0.5, Title: "two", Parties: []trade.FindingParty{p}},
	}
	if err := d.ReplaceFindings(ctx, "det", "1", fs); err != nil {
		t.Fatal(err)
	}
	build := func() []cases.Case {
		t.Helper()
		in, err := d.CaseInputs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(in) != 2 {
			t.Fatalf("CaseInputs = %d inputs, want 2", len(in))
		}
		cs := cases.Build(in, cases.Options{Now: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)})
		if err := d.ReplaceCases(ctx, cs); err != nil {
			t.Fatal(err)
		}
		return cs
	}
	built := build()
	got, err := d.Cases(ctx, CaseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(built, got); diff != "" {
		t.Errorf("cases read back (-built +read):\n%s", diff)
	}
	if len(got) != 2 || got[0].Key != "party:id:RU:7700000001" {
		t.Fatalf("cases = %+v, want the consignee's case first", got)
	}
	page, err := d.Cases(ctx, CaseFilter{Limit: 1, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 1 || page[0].Key != got[1].Key {
		t.Errorf("Cases(limit 1, offset 1) = %v, want the second case", page)
	}
	if hi, _ := d.Cases(ctx, CaseFilter{MinScore: 0.805}); len(hi) != 1 {
		t.Errorf("Cases(min score 0.805) = %d cases, want 1 (0.81 of two findings, not 0.8 of one)", len(hi))
	}
	byID, cf, err := d.Case(ctx, "1")
	if err != nil {
		t.Fatal(err)
	}
	if byID.Key != got[0].Key || len(cf) != 2 || cf[0].Key != "f1" || cf[1].Key != "f2" {
		t.Errorf("Case(1) = %s with %d findings, want %s with f1, f2", byID.Key, len(cf), got[0].Key)
	}
	if _, _, err := d.Case(ctx, "party:none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Case(party:none) error = %v, want ErrNotFound", err)
	}

	// Two decisions on one case in the same instant: the later one wins all the same.
	now := time.Now()
	target := cases.CaseTarget(got[0].Key)
	for _, s := range []cases.Status{cases.StatusDismissed, cases.StatusConfirmed} {
		if _, err := d.SetTriage(ctx, cases.Decision{Target: target, Status: s, Note: hostile, Who: "ana", Decided: now}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.SetTriage(ctx, cases.Decision{Target: cases.FindingTarget("f1"), Status: cases.StatusDismissed, Who: "ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SetTriage(ctx, cases.Decision{Target: target, Status: "closed", Who: "ana"}); err == nil {
		t.Errorf("SetTriage(status closed): no error")
	}
	if _, err := d.SetTriage(ctx, cases.Decision{Target: "shipment:1", Status: cases.StatusNew, Who: "ana"}); err == nil {
		t.Errorf("SetTriage(target shipment:1): no error")
	}

	// The detector runs again (new scores, same keys) and the cases are rebuilt.
	fs[0].Score, fs[1].Score = 0.85, 0.55
	if err := d.ReplaceFindings(ctx, "det", "1", fs); err != nil {
		t.Fatal(err)
	}
	build()
	c, _, err := d.Case(ctx, got[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != cases.StatusConfirmed {
		t.Errorf("after a rebuild: case status %s, want confirmed", c.Status)
	}
	// f1 is dismissed: the case rests on f2 alone.
	if c.Score != 0.55 {
		t.Errorf("after dismissing f1: case score %v, want f2's 0.55", c.Score)
	}
	conf, err := d.Cases(ctx, CaseFilter{Status: cases.StatusConfirmed})
	if err != nil {
		t.Fatal(err)
	}
	if len(conf) != 1 || conf[0].Key != got[0].Key {
		t.Errorf("Cases(confirmed) = %v, want %s", conf, got[0].Key)
	}
	if n, _ := d.Cases(ctx, CaseFilter{Status: cases.StatusNew}); len(n) != 1 || n[0].Key != got[1].Key {
		t.Errorf("Cases(new) = %v, want the untriaged %s", n, got[1].Key)
	}
	hist, err := d.TriageHistory(ctx, target)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Status != cases.StatusDismissed || hist[1].Status != cases.StatusConfirmed ||
		hist[1].Note != hostile || !hist[1].Decided.After(hist[0].Decided) {
		t.Errorf("TriageHistory = %+v, want dismissed then confirmed, in order, the note intact", hist)
	}
	if ok, err := d.FindingExists(ctx, "f2"); err != nil || !ok {
		t.Errorf("FindingExists(f2) = %v, %v; want true", ok, err)
	}
	if ok, _ := d.FindingExists(ctx, "f9"); ok {
		t.Errorf("FindingExists(f9) = true")
	}
}

// TestDetectorState checks what the store remembers of detector runs.
func TestDetectorState(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, ":memory:", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cur, err := d.CurrentInput(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur != (detect.Input{}) {
		t.Errorf("CurrentInput of an empty store = %+v, want zero", cur)
	}
	if _, _, _, ok, err := d.DetectorInput(ctx, "m"); ok || err != nil {
		t.Errorf("DetectorInput of a detector that never ran: ok %v, err %v", ok, err)
	}
	for _, in := range []detect.Input{{MaxRun: 3, Runs: 2}, {MaxRun: 4, Runs: 3, Extra: "lists:7"}} {
		if err := d.SetDetectorInput(ctx, "m", "2", in, 42); err != nil {
			t.Fatal(err)
		}
		v, got, n, ok, err := d.DetectorInput(ctx, "m")
		if err != nil || !ok || v != "2" || got != in || n != 42 {
			t.Errorf("DetectorInput after SetDetectorInput(%+v) = %q, %+v, %d, %v, %v", in, v, got, n, ok, err)
		}
	}
}

// countingDetector raises one finding and counts its runs.
type countingDetector struct{ runs *int }

func (countingDetector) Name() string    { return "counting" }
func (countingDetector) Version() string { return "1" }
func (c countingDetector) Detect(ctx context.Context, src detect.Source) ([]trade.Finding, error) {
	*c.runs++
	return []trade.Finding{{Key: "counting|1", Score: 0.5, Title: "one"}}, nil
}

// TestIncrementalRun checks that detect.RunWith on the store skips a detector whose input has not changed, and
// runs it when a list is loaded (its input key changes) or when forced, alone (Rerun) or with every detector;
// a run asked for alone leaves the recorded input as it is, so the next run skips the detector again.
func TestIncrementalRun(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, ":memory:", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	runs := 0
	ds := []detect.Detector{detect.WithInputKey(countingDetector{&runs}, d.ListsKey)}
	var rerun map[string]bool
	step := func(name string, force, wantRun bool) {
		t.Helper()
		before := runs
		reps, err := detect.RunWith(ctx, d, d, ds, detect.Options{State: d, Force: force, Rerun: rerun})
		if err != nil {
			t.Fatal(err)
		}
		ran := runs > before
		if ran != wantRun || reps[0].Skipped == wantRun || reps[0].Findings != 1 {
			t.Errorf("%s: ran %v, report %+v; want ran %v with 1 finding", name, ran, reps[0], wantRun)
		}
	}
	step("first run", false, true)
	step("same input", false, false)
	if _, err := d.SQL().ExecContext(ctx, `INSERT INTO list_versions VALUES (1, 'ofac_sdn', 'sdn.csv', 'x', now(), 1, 1, true)`); err != nil {
		t.Fatal(err)
	}
	step("a list loaded", false, true)
	step("same lists", false, false)
	step("forced", true, true)
	rerun = map[string]bool{"other": true}
	step("another detector asked for", false, false)
	rerun = map[string]bool{countingDetector{}.Name(): true}
	step("asked for", false, true)
	rerun = nil
	step("after it was asked for", false, false)
	pk, err := d.PartiesKey(ctx)
	if err != nil || pk != "parties:0/0/0" {
		t.Errorf("PartiesKey of a store without parties = %q, %v", pk, err)
	}
}
