package route

import (
	"context"
	"errors"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/detect/route/decl"
	"tradetrace/internal/hs"
	"tradetrace/internal/trade"
)

// fakeLines gives its lines, in their order, to every query; after fail lines, when fail > 0, it fails.
type fakeLines struct {
	lines []trade.Shipment
	fail  int
}

var errFake = errors.New("the store failed")

func (f *fakeLines) ScanLines(_ context.Context, _ decl.Query, fn func(*trade.Shipment) error) error {
	for i := range f.lines {
		if f.fail > 0 && i == f.fail {
			return errFake
		}
		s := f.lines[i] // the store reuses its line: the callee copies what it keeps
		if err := fn(&s); err != nil {
			return err
		}
	}
	return nil
}

// TestControlledLinesInParallel: read on every core, the lines that read as controlled and their readings are
// those one reader finds line by line, in id order, whatever order the store gives them in; a store's error
// comes back.
func TestControlledLinesInParallel(t *testing.T) {
	kinds := []struct{ hs, desc string }{
		{"9306300000", "CARTRIDGES FOR SPORTING RIFLES"}, // ammunition by its code
		{"8806220000", "QUADCOPTER MAVIC 3 ENTERPRISE"},  // drones by their code
		{"6211430000", "БРОНЕЖИЛЕТ 4 КЛАССА ЗАЩИТЫ"},     // body armour under a garments code
		{"6211430000", "WOMEN'S COTTON TRACKSUIT"},       // the same code, civilian
		{"8542310000", "MICROCONTROLLER STM32F407"},      // a CHPL tier-1 code
		{"6109100000", "T-SHIRTS, COTTON, KNITTED"},      // civilian
		{"8471300000", "LAPTOP COMPUTERS"},               // civilian or near it
	}
	r := rand.New(rand.NewPCG(1, 2))
	var src fakeLines
	for i := range 5000 {
		k := kinds[r.IntN(len(kinds))]
		src.lines = append(src.lines, trade.Shipment{ID: trade.ShipmentID(i + 1), RecordID: "r", HS: hs.Code(k.hs), Description: k.desc})
	}
	r.Shuffle(len(src.lines), func(i, j int) { src.lines[i], src.lines[j] = src.lines[j], src.lines[i] })

	rd := decl.NewReader()
	var wantIDs []trade.ShipmentID
	want := map[trade.ShipmentID]decl.Reading{}
	for i := range src.lines {
		if x := rd.Read(&src.lines[i]); x.Weight > 0 {
			wantIDs = append(wantIDs, src.lines[i].ID)
			want[src.lines[i].ID] = x
		}
	}
	sort.Slice(wantIDs, func(i, j int) bool { return wantIDs[i] < wantIDs[j] })
	if len(wantIDs) < 1000 || len(wantIDs) > 4500 {
		t.Fatalf("%d of 5000 lines read as controlled: the test's lines should mix controlled and civilian goods", len(wantIDs))
	}

	ls, rs, err := controlledLines(context.Background(), &src, decl.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != len(rs) {
		t.Fatalf("%d lines, %d readings", len(ls), len(rs))
	}
	var gotIDs []trade.ShipmentID
	for i, s := range ls {
		gotIDs = append(gotIDs, s.ID)
		if diff := cmp.Diff(want[s.ID], rs[i]); diff != "" {
			t.Fatalf("line %d: reading (-one reader +in parallel):\n%s", s.ID, diff)
		}
		if s.Description == "" || s.HS == "" {
			t.Fatalf("line %d kept without its text or code: %+v", s.ID, *s)
		}
	}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Fatalf("lines (-one reader +in parallel):\n%s", diff)
	}

	src.fail = 3000
	if _, _, err := controlledLines(context.Background(), &src, decl.Query{}); !errors.Is(err, errFake) {
		t.Fatalf("err = %v, want the store's", err)
	}
}
