package duckdb_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/country"
	"tradetrace/internal/detect"
	"tradetrace/internal/ingest"
	"tradetrace/internal/sample/sampletest"
	"tradetrace/internal/storetest"
	"tradetrace/internal/trade"
)

// TestGoodsReading reads the goods of a generated sample once and checks that the military detector finds the
// same with the stored readings as when it classifies the text itself; that the reading is incremental (a run
// already read is not read again, a new run is) and that until every run is read the stored readings are not
// used.
func TestGoodsReading(t *testing.T) {
	ctx := context.Background()
	rows := int64(20000)
	if testing.Short() {
		rows = 4000
	}
	st, m, dir := sampletest.Store(t, rows, 2023, 1)
	last := m.Files[len(m.Files)-1]
	const version = detect.GoodsReaderVersion
	watched := detect.Filter{Countries: []country.Code{"RU", "BY"}}
	readings := func() (bool, map[trade.ShipmentID][]detect.TextClass) {
		t.Helper()
		got := map[trade.ShipmentID][]detect.TextClass{}
		ok, err := st.TextClasses(ctx, version, watched, func(id trade.ShipmentID, cs []detect.TextClass) error {
			got[id] = cs
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ok, got
	}
	if ok, _ := readings(); ok {
		t.Fatal("TextClasses says the reading covers the store before any run was read")
	}
	read, err := st.ReadGoods(ctx, version, detect.ClassifyGoods, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != len(m.Files)-1 {
		t.Fatalf("ReadGoods read %d runs, want %d", len(read), len(m.Files)-1)
	}
	var lines, hits int64
	for _, r := range read {
		lines, hits = lines+r.Lines, hits+r.Hits
	}
	n, _, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lines != n || hits == 0 || hits >= lines {
		t.Fatalf("ReadGoods read %d lines (store holds %d), %d of them controlled goods", lines, n, hits)
	}
	ok, got := readings()
	if !ok || len(got) == 0 {
		t.Fatalf("after reading, TextClasses ok=%v with %d lines", ok, len(got))
	}
	// The stored readings are what the classifier says of each line's text.
	checked := 0
	err = st.ScanText(ctx, watched, func(x *detect.Text) error {
		want := detect.ClassifyGoods(x)
		if d := cmp.Diff(want, got[x.ID]); d != "" && (len(want) > 0 || len(got[x.ID]) > 0) {
			t.Errorf("line %d: stored reading differs from the classifier's (-classifier +stored):\n%s", x.ID, d)
		}
		checked++
		return nil
	})
	if err != nil || checked == 0 {
		t.Fatalf("ScanText: %d lines, %v", checked, err)
	}
	if again, err := st.ReadGoods(ctx, version, detect.ClassifyGoods, nil); err != nil || len(again) != 0 {
		t.Fatalf("a second ReadGoods read %d runs (%v), want none", len(again), err)
	}

	// The same findings either way.
	looked := storetest.SameMilitaryFindings(t, st, version)
	if t.Failed() {
		t.FailNow()
	}
	// The store scans the lines its codes and its readings select in one pass (detect.ReadScanner); a store
	// without that pass reads the second kind by id, to the same findings.
	var _ detect.ReadScanner = st
	twoPass, err := detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: version}.Detect(ctx, struct {
		detect.Source
		detect.TextReadings
	}{st, st})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(storetest.FindingsByKey(twoPass), storetest.FindingsByKey(looked)); d != "" {
		t.Fatalf("findings read in one scan differ from findings read in two passes (-two passes +one scan):\n%s", d)
	}
	// The store runs that scan while the readings are read (detect.ReadScanAheader); without it, the readings
	// are read, then the lines scanned, to the same findings.
	var _ detect.ReadScanAheader = st
	inTurn, err := detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: version}.Detect(ctx, struct {
		detect.Source
		detect.TextReadings
		detect.ReadScanner
	}{st, st, st})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(storetest.FindingsByKey(inTurn), storetest.FindingsByKey(looked)); d != "" {
		t.Fatalf("findings with the scan run ahead differ (-in turn +ahead):\n%s", d)
	}

	// A new run: the readings no longer cover the store until it is read, and only it is read.
	if _, err := ingest.File(ctx, st, filepath.Join(dir, last.Name), ingest.Options{Profile: last.Profile}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := readings(); ok {
		t.Fatal("TextClasses says the reading covers the store with a run not yet read")
	}
	if read, err := st.ReadGoods(ctx, version, detect.ClassifyGoods, nil); err != nil || len(read) != 1 {
		t.Fatalf("after a new run ReadGoods read %d runs (%v), want 1", len(read), err)
	}
	// Another reader version reads every run again and drops the old readings.
	if read, err := st.ReadGoods(ctx, version+"-next", detect.ClassifyGoods, nil); err != nil || len(read) != len(m.Files) {
		t.Fatalf("a new version read %d runs (%v), want %d", len(read), err, len(m.Files))
	}
	if ok, _ := readings(); ok {
		t.Fatal("readings of the old version still count after a new version was read")
	}
}
