package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/duckdb"
	"tradetrace/internal/goods"
	"tradetrace/internal/trade"
)

func testGoodsReadings(t *testing.T, st ScansStore) {
	ctx := context.Background()
	ingestFile(t, st, fixture(t, "scans_a.csv"))
	const version = detect.GoodsReaderVersion
	watched := detect.Filter{Countries: decl.Watched}
	readings := func(v string) (bool, map[trade.ShipmentID][]detect.TextClass) {
		t.Helper()
		got := map[trade.ShipmentID][]detect.TextClass{}
		ok, err := st.TextClasses(ctx, v, watched, func(id trade.ShipmentID, cs []detect.TextClass) error {
			if _, dup := got[id]; dup {
				t.Errorf("TextClasses called fn twice for line %d", id)
			}
			got[id] = cs
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ok, got
	}
	read := func(v string) []duckdb.GoodsRun {
		t.Helper()
		var done []duckdb.GoodsRun
		rs, err := st.ReadGoods(ctx, v, detect.ClassifyGoods, func(r duckdb.GoodsRun) { done = append(done, r) })
		if err != nil {
			t.Fatal(err)
		}
		if len(done) != len(rs) {
			t.Errorf("ReadGoods called done %d times for %d runs", len(done), len(rs))
		}
		return rs
	}
	if ok, _ := readings(version); ok {
		t.Fatal("TextClasses says the reading covers the store before any run was read")
	}
	rs := read(version)
	lines := all(t, st, detect.Filter{})
	var hits int64
	for i := range lines {
		if len(detect.ClassifyGoods(&detect.Text{Description: lines[i].Description, DescriptionEn: lines[i].DescriptionEn,
			Brand: lines[i].Brand, Manufacturer: lines[i].Manufacturer})) > 0 {
			hits++
		}
	}
	if len(rs) != 1 || rs[0].Lines != int64(len(lines)) || rs[0].Hits != hits || hits == 0 {
		t.Fatalf("ReadGoods = %+v, want one run of %d lines, %d of them controlled goods", rs, len(lines), hits)
	}
	ok, got := readings(version)
	if !ok {
		t.Fatal("after reading, TextClasses says the reading does not cover the store")
	}
	// The stored readings are what the classifier says of each watched line's text.
	want := map[trade.ShipmentID][]detect.TextClass{}
	if err := st.ScanText(ctx, watched, func(x *detect.Text) error {
		if cs := detect.ClassifyGoods(x); len(cs) > 0 {
			want[x.ID] = cs
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" || len(got) < 5 {
		t.Fatalf("TextClasses(%+v) (-classifier +stored), %d lines:\n%s", watched, len(got), diff)
	}
	if again := read(version); len(again) != 0 {
		t.Fatalf("a second ReadGoods read %d runs, want none", len(again))
	}
	// The misdeclaration detector's first pass: a store that uses the readings sends the lines read as one of
	// the classes asked for, each with its strongest reading; one that does not sends every line, with none.
	stored := map[trade.ShipmentID][]detect.TextClass{}
	if ok, err := st.TextClasses(ctx, version, detect.Filter{}, func(id trade.ShipmentID, cs []detect.TextClass) error {
		stored[id] = cs
		return nil
	}); err != nil || !ok {
		t.Fatalf("TextClasses of every line: ok %v, %v", ok, err)
	}
	sent, withReading := 0, 0
	if err := st.ScanGoodsLines(ctx, misdeclared.Scope{Readings: version, Classes: goods.Classes()}, func(l *misdeclared.Line) error {
		sent++
		if !l.Read {
			return nil
		}
		withReading++
		var want detect.TextClass
		if cs := stored[l.ID]; len(cs) > 0 {
			want = cs[0]
		}
		if string(l.Reading) != want.Class || l.ReadingScore != want.Weight {
			t.Errorf("ScanGoodsLines: line %d reads %q %v, want the stored %q %v", l.ID, l.Reading, l.ReadingScore, want.Class, want.Weight)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if withReading > 0 && (withReading != sent || sent != len(stored)) || withReading == 0 && sent != len(lines) {
		t.Errorf("ScanGoodsLines with the readings sent %d lines, %d of them with their reading; want the %d read as controlled goods, each with it, or all %d without",
			sent, withReading, len(stored), len(lines))
	}
	// The findings of the military detector are the same with the stored readings as with the classifier.
	SameMilitaryFindings(t, st, version)

	// A new run: the readings cover the store again only once it is read, and only it is read.
	ingestFile(t, st, fixture(t, "scans_b.csv"))
	if ok, _ := readings(version); ok {
		t.Fatal("TextClasses says the reading covers the store with a run not yet read")
	}
	if rs := read(version); len(rs) != 1 || rs[0].Lines != 2 || rs[0].Hits != 2 {
		t.Fatalf("after a new run ReadGoods = %+v, want the new run: 2 lines, both controlled goods", rs)
	}
	if ok, got := readings(version); !ok || len(got) != len(want)+2 {
		t.Fatalf("TextClasses after the new run: ok %v, %d lines, want %d", ok, len(got), len(want)+2)
	}
	// Another reader version reads every run again, and the old readings stop counting; going back reads
	// every run again too.
	for i, v := range []string{version + "-next", version} {
		if rs := read(v); len(rs) != 2 {
			t.Fatalf("step %d: ReadGoods(%s) read %d runs, want both", i, v, len(rs))
		}
		other := version
		if v == version {
			other = version + "-next"
		}
		if ok, _ := readings(other); ok {
			t.Fatalf("step %d: readings of %s still count after %s was read", i, other, v)
		}
		if ok, got := readings(v); !ok || len(got) != len(want)+2 {
			t.Fatalf("step %d: TextClasses(%s): ok %v, %d lines, want %d", i, v, ok, len(got), len(want)+2)
		}
	}
}

// SameMilitaryFindings checks that the military detector finds the same on src with the goods readings stored
// under version as when it classifies the text itself, and something; it returns the findings made with the
// stored readings.
func SameMilitaryFindings(t *testing.T, src detect.Source, version string) []trade.Finding {
	t.Helper()
	ctx := context.Background()
	classified, err := detect.Military{Classify: detect.ClassifyGoods}.Detect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	looked, err := detect.Military{Classify: detect.ClassifyGoods, ClassifyVersion: version}.Detect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(classified) == 0 {
		t.Fatal("the military detector found nothing")
	}
	if diff := cmp.Diff(FindingsByKey(classified), FindingsByKey(looked)); diff != "" {
		t.Errorf("military findings with stored readings (-classifier +stored):\n%s", diff)
	}
	return looked
}

// FindingsByKey returns findings by their key, for comparing two detectors' runs whatever their order.
func FindingsByKey(fs []trade.Finding) map[string]trade.Finding {
	out := map[string]trade.Finding{}
	for _, f := range fs {
		out[f.Key] = f
	}
	return out
}
