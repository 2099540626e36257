package misdeclared_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect"
	"tradetrace/internal/detect/misdeclared"
	"tradetrace/internal/goods"
	"tradetrace/internal/sample"
	"tradetrace/internal/sample/sampletest"
	"tradetrace/internal/trade"
)

// TestSample generates the synthetic sample, ingests it and runs the detector: the planted misdeclarations
// must be among its findings and near the top: the NORINCO rifles declared as hunting rifles, the ZT-180 drones
// declared as parts and toys, and the body-armour plates declared as ceramics and helmets as airsoft gear. Only
// this test reads the answer key; the detector never does.
func TestSample(t *testing.T) {
	if testing.Short() {
		t.Skip("generating and ingesting a sample takes a while")
	}
	ctx := context.Background()
	st, m, _ := sampletest.Store(t, 40000, 2023, 0)
	fs, err := misdeclared.Detector{Store: st}.Detect(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	// Rank of each record among the code findings (misdeclared codes), and in any finding.
	codeRank, anyRank := map[string]int{}, map[string]int{}
	n := 0
	for _, f := range fs {
		code := strings.HasPrefix(f.Key, "misdeclared_goods|code|")
		if code {
			n++
		}
		for _, r := range f.Shipments {
			if _, ok := anyRank[r]; !ok {
				anyRank[r] = len(anyRank) + 1
			}
			if _, ok := codeRank[r]; !ok && code {
				codeRank[r] = n
			}
		}
	}
	// The planted misdeclarations, read from the key: the records whose code does not say what the goods are.
	type plant struct {
		event  string
		prefix []string // HS prefixes of the misdeclared records of the event
		top    int      // the rank among code findings each record must reach
	}
	plants := []plant{
		{"norinco-cq-a-rifles", []string{"9303"}, 5},
		{"bingo-zt-180", []string{"9503", "8807"}, 12},
		{"body-armour-december-2022", []string{"6914", "6903", "6506"}, 60},
	}
	for _, p := range plants {
		var ev *sample.Event
		for i := range m.Events {
			if m.Events[i].ID == p.event {
				ev = &m.Events[i]
			}
		}
		if ev == nil {
			t.Fatalf("the key has no event %s", p.event)
		}
		found := 0
		for _, r := range ev.Records {
			if !hasPrefix(r.HSCode, p.prefix) {
				continue
			}
			found++
			rank, ok := codeRank[r.RecordID]
			switch {
			case !ok:
				t.Errorf("%s: record %s (HS %s, %s) is in no misdeclaration finding", p.event, r.RecordID, r.HSCode, r.Model)
			case rank > p.top:
				t.Errorf("%s: record %s (HS %s) first appears in misdeclaration finding %d, want within the top %d", p.event,
					r.RecordID, r.HSCode, rank, p.top)
			}
		}
		if found == 0 {
			t.Errorf("%s: the key holds no record under %v", p.event, p.prefix)
		}
	}
	// The new buyers' Western chips bought from hub traders: most lines must be raised as brands that do not
	// fit their seller.
	for _, e := range m.Events {
		if e.ID != "new-buyers-chpl" {
			continue
		}
		in, all := 0, 0
		for _, r := range e.Records {
			all++
			if _, ok := anyRank[r.RecordID]; ok {
				in++
			}
		}
		if all == 0 || float64(in) < 0.8*float64(all) {
			t.Errorf("new-buyers-chpl: %d of %d records in findings, want at least 80%%", in, all)
		}
	}
	for _, f := range fs {
		if f.Score <= 0 || f.Score > 1 || len(f.Shipments) == 0 || len(f.Shipments) != len(f.ShipmentIDs) {
			t.Fatalf("finding %s: score %v, %d records, %d ids", f.Key, f.Score, len(f.Shipments), len(f.ShipmentIDs))
		}
	}
}

func hasPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// countingStore counts the lines a store sends the first pass.
type countingStore struct {
	misdeclared.Store
	lines int
}

func (c *countingStore) ScanGoodsLines(ctx context.Context, sc misdeclared.Scope, fn func(*misdeclared.Line) error) error {
	return c.Store.ScanGoodsLines(ctx, sc, func(l *misdeclared.Line) error {
		c.lines++
		return fn(l)
	})
}

// TestStoredReadingsSameFindings runs the detector as the command does (the store sends only the lines the
// stored goods readings and the codes leave open, with their readings, and the detector classifies only the
// lines whose reading leaves a question open) and with its classifier given explicitly (every line in scope
// classified): the findings must be identical, and the first must have been sent fewer lines and classified
// fewer still. Before the goods reader has read the runs, the store sends every line, and every line is
// classified.
func TestStoredReadingsSameFindings(t *testing.T) {
	ctx := context.Background()
	st, _, _ := sampletest.Store(t, 8000, 2029, 0)
	run := func(classify func(d, de, b, m string) goods.Result) (fs []trade.Finding, sent, classified int) {
		c := &countingStore{Store: st}
		var n atomic.Int64
		fs, err := misdeclared.CountingClassifications(misdeclared.Detector{Store: c, Classify: classify}, &n).Detect(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return fs, c.lines, int(n.Load())
	}
	before, nBefore, cBefore := run(nil)
	full, nFull, cFull := run(goods.ClassifyFields)
	if nBefore != nFull || cBefore != nBefore || cFull != nFull || !cmp.Equal(before, full) {
		t.Fatalf("with no stored readings: %d lines sent, %d classified, %d findings; want %d, %d and %d as when classifying every line",
			nBefore, cBefore, len(before), nFull, cFull, len(full))
	}
	if _, err := st.ReadGoods(ctx, detect.GoodsReaderVersion, detect.ClassifyGoods, nil); err != nil {
		t.Fatal(err)
	}
	pruned, nPruned, cPruned := run(nil)
	if nPruned == 0 || nPruned >= nFull/2 {
		t.Errorf("with the stored readings the store sent %d lines of %d in scope, want fewer than half", nPruned, nFull)
	}
	if cPruned == 0 || cPruned >= nPruned/2 {
		t.Errorf("with the stored readings the detector classified %d of the %d lines sent, want fewer than half", cPruned, nPruned)
	}
	t.Logf("%d findings; lines sent: %d with the stored readings, %d without; classified: %d with them", len(full), nPruned,
		nFull, cPruned)
	if len(full) == 0 {
		t.Fatal("no findings on the sample")
	}
	if d := cmp.Diff(full, pruned); d != "" {
		t.Errorf("findings with the stored readings differ from classifying every line (-full +stored):\n%s", d)
	}
}
