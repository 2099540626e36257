package duckdb

import (
	"context"
	"fmt"
	"os"
	"strings"
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
		Evidence: []trade.Evidence{{Label: "goods class", Value: `Body "armour" \ <b>`}, {Label: "description", Value: "a\tb\nc \\N", RecordID: "R1"},
			{Label: "goods (text, model, maker)", Value: "Unmanned aircraft: ZT-180 — дрон", RecordID: "R2"}, {Label: "goodsx", Value: "no"}},
		ValueUSD: 650000, WeightKg: 3500,
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
	// Without its explanation, records and evidence other than its goods (as cases read findings): everything
	// else the same.
	lean, err := d.Findings(ctx, FindingFilter{Detector: "test", NoRecords: true})
	if err != nil {
		t.Fatal(err)
	}
	want.Explanation, want.Shipments, want.ShipmentIDs = "", []string{}, []trade.ShipmentID{}
	want.Evidence = []trade.Evidence{f.Evidence[0], f.Evidence[2]}
	if len(lean) != 1 {
		t.Fatalf("Findings(NoRecords) = %d findings, want 1", len(lean))
	}
	if diff := cmp.Diff(want, lean[0]); diff != "" {
		t.Errorf("finding read back without records (-want +got):\n%s", diff)
	}
}

// TestReplaceFindingsLongLine stores a finding that cites 250,000 lines: its row in the temporary file is longer
// than DuckDB's default line limit (a listed party on a 10M-row store cited 226,345 lines and failed to save).
func TestReplaceFindingsLongLine(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/f.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	const n = 250000
	f := trade.Finding{Key: "big", Score: 0.5, Severity: trade.SeverityMedium, Title: "many lines"}
	for i := range n {
		f.Shipments = append(f.Shipments, fmt.Sprintf("AEEX%010d", i))
		f.ShipmentIDs = append(f.ShipmentIDs, trade.ShipmentID(i+1))
	}
	if err := d.ReplaceFindings(ctx, "test", "1", []trade.Finding{f, {Key: "small", Score: 0.1}}); err != nil {
		t.Fatal(err)
	}
	got, err := d.Findings(ctx, FindingFilter{Detector: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Shipments) != n || got[0].Shipments[n-1] != f.Shipments[n-1] || len(got[0].ShipmentIDs) != n {
		t.Fatalf("read back %d findings, the first citing %d lines, want 2 and %d", len(got), len(got[0].Shipments), n)
	}
}

// TestLineMeter measures lines split across writes, and a last line without a newline.
func TestLineMeter(t *testing.T) {
	var b strings.Builder
	m := &lineMeter{w: &b}
	for _, p := range []string{"ab", "c\nde", "fgh\n\nx", "yz12345"} {
		if _, err := m.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	if m.longest != 8 || b.String() != "abc\ndefgh\n\nxyz12345" {
		t.Fatalf("longest %d of %q, want 8", m.longest, b.String())
	}
	if got := readTSV("/x.tsv", "'a': 'BIGINT'", 10); strings.Contains(got, "max_line_size") {
		t.Errorf("a short file's read names a line limit: %s", got)
	}
	if got := readTSV("/x.tsv", "'a': 'BIGINT'", 5_000_000); !strings.Contains(got, "max_line_size = 5000002") {
		t.Errorf("a long file's read does not raise the line limit: %s", got)
	}
}

// TestEachFinding checks that EachFinding gives what Findings lists, in its order, and stops at fn's error.
func TestEachFinding(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	var fs []trade.Finding
	for i := range 30 {
		fs = append(fs, trade.Finding{Key: fmt.Sprintf("k%02d", i), Score: float64(i%7) / 10, Title: fmt.Sprint("finding ", i),
			Shipments: []string{fmt.Sprint("R", i)}, ShipmentIDs: []trade.ShipmentID{trade.ShipmentID(i)}})
	}
	if err := d.ReplaceFindings(ctx, "test", "1", fs); err != nil {
		t.Fatal(err)
	}
	for _, f := range []FindingFilter{{}, {Limit: 5}, {MinScore: 0.3}, {Detector: "test", Limit: 3}} {
		want, err := d.Findings(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []trade.Finding
		if err := d.EachFinding(ctx, f, func(fd *trade.Finding) error {
			got = append(got, *fd)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			t.Fatalf("filter %+v: Findings lists none", f)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("filter %+v: EachFinding differs from Findings (-want +got):\n%s", f, diff)
		}
	}
	stop := fmt.Errorf("enough")
	n := 0
	if err := d.EachFinding(ctx, FindingFilter{}, func(*trade.Finding) error {
		n++
		return stop
	}); err != stop || n != 1 {
		t.Errorf("EachFinding with fn failing = %v after %d findings, want fn's error after 1", err, n)
	}
}

// TestDeferCheckpoints stores the findings of several detectors in turn, as a detect run does, in a store that
// defers its checkpoints and in one that does not: the first keeps its log until it closes, the second has
// written its log into the file along the way; both read back every finding after they are opened again.
func TestDeferCheckpoints(t *testing.T) {
	ctx := context.Background()
	for _, deferred := range []bool{false, true} {
		path := t.TempDir() + "/f.duckdb"
		d, err := Open(ctx, path, Config{})
		if err != nil {
			t.Fatal(err)
		}
		if deferred {
			if err := d.DeferCheckpoints(ctx); err != nil {
				t.Fatal(err)
			}
		}
		var n int
		for det := range 4 {
			fs := make([]trade.Finding, 20000)
			for i := range fs {
				fs[i] = trade.Finding{Key: fmt.Sprintf("d%d-%d", det, i), Score: float64(i%100) / 100,
					Title: strings.Repeat("t", 200), Explanation: fmt.Sprintf("finding %d of detector %d", i, det)}
			}
			if err := d.ReplaceFindings(ctx, fmt.Sprint("det", det), "1", fs); err != nil {
				t.Fatal(err)
			}
			n += len(fs)
		}
		wal, err := os.Stat(path + ".wal")
		logged := err == nil && wal.Size() > 16<<20
		if logged != deferred {
			t.Errorf("deferred %v: log over 16 MB before closing = %v (%v), want %v", deferred, logged, err, deferred)
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		if d, err = Open(ctx, path, Config{}); err != nil {
			t.Fatal(err)
		}
		var got int
		if err := d.SQL().QueryRowContext(ctx, `SELECT count(*) FROM findings`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		d.Close()
		if got != n {
			t.Errorf("deferred %v: %d findings after reopening, want %d", deferred, got, n)
		}
	}
}
