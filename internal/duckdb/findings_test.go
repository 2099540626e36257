package duckdb

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/trade"
)

// TestReplaceFindings stores findings whose text holds what a tab-separated file could break on, replaces them,
// and reads them back.
func TestReplaceFindings(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/f.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	f := trade.Finding{
		Key: "k1", Score: 0.81, Severity: trade.SeverityHigh,
		Title:       `ООО "Ромашка" \ <script>alert(1)</script> 'x' \N`,
		Explanation: "line one\nline two\ttabbed",
		Parties:     []trade.FindingParty{{Name: `A "B" \ C`, Role: "shipper"}},
		Shipments:   []string{"R1", `R"2`},
		ShipmentIDs: []trade.ShipmentID{1, 2},
		Evidence:    []trade.Evidence{{Label: "description", Value: "a\tb\nc \\N", RecordID: "R1"}},
		ValueUSD:    650000, WeightKg: 3500,
	}
	if err := d.ReplaceFindings(ctx, "test", "1", []trade.Finding{f, {Key: "k2", Score: 0.1}}); err != nil {
		t.Fatal(err)
	}
	f.Score = 0.9 // a re-run replaces, it does not add
	if err := d.ReplaceFindings(ctx, "test", "1", []trade.Finding{f}); err != nil {
		t.Fatal(err)
	}
	got, err := d.Findings(ctx, FindingFilter{Detector: "test"})
	if err != nil {
		t.Fatal(err)
	}
	want := f
	want.Detector, want.DetectorVersion = "test", "1"
	want.Explanation = "line one line two tabbed" // normalised text: tabs and line breaks become spaces
	if len(got) != 1 {
		t.Fatalf("Findings = %d findings, want 1", len(got))
	}
	want.ID = got[0].ID
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("finding read back (-want +got):\n%s", diff)
	}
}
