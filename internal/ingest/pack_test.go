package ingest

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"tradetrace/internal/trade"
)

// packStore is a store whose loader encodes rows and packs source records, recording what it is given.
type packStore struct{ ld *packLoader }

func (p *packStore) CompletedRun(context.Context, string) (*trade.Run, bool, error) {
	return nil, false, nil
}

func (p *packStore) BeginRun(_ context.Context, run *trade.Run, _ []string) (Loader, error) {
	run.ID = 1
	p.ld = &packLoader{packed: map[int64]int{}}
	return p.ld, nil
}

type packLoader struct {
	blocks  [][]int64     // the rows of each block, in the order they came
	bytes   []int         // the bytes of each block's records
	packed  map[int64]int // row → its block
	added   []int64       // rows given to AddEncoded
	misfits []string
}

func (l *packLoader) Add(*trade.Shipment, []string) error {
	return fmt.Errorf("Add called on a RowEncoder")
}
func (l *packLoader) Reject(*trade.Rejection) error            { return nil }
func (l *packLoader) Commit(context.Context, *trade.Run) error { return nil }
func (l *packLoader) Abort(error) error                        { return nil }
func (l *packLoader) EncodeRow(dst []byte, s *trade.Shipment) []byte {
	return append(dst, s.RecordID...)
}

// PackRaw "packs" the rows as their numbers and the bytes of their records.
func (l *packLoader) PackRaw(rows []int64, raws [][]string) []byte {
	n := 0
	for _, r := range raws {
		n += len(strings.Join(r, ",")) + 1
	}
	return fmt.Appendf(nil, "%d %v", n, rows)
}

func (l *packLoader) AddPacked(block []byte) error {
	var n int
	s := string(block)
	fmt.Sscan(s, &n)
	var rows []int64
	for _, f := range strings.Fields(strings.Trim(s[strings.IndexByte(s, '[')+1:], "]")) {
		var r int64
		fmt.Sscan(f, &r)
		rows = append(rows, r)
		l.packed[r] = len(l.blocks)
	}
	l.blocks, l.bytes = append(l.blocks, rows), append(l.bytes, n)
	return nil
}

func (l *packLoader) AddEncoded(s *trade.Shipment, row []byte) error {
	if _, ok := l.packed[s.Prov.Row]; !ok {
		l.misfits = append(l.misfits, fmt.Sprintf("row %d came before its block", s.Prov.Row))
	}
	l.added = append(l.added, s.Prov.Row)
	return nil
}

// TestPackedBlocks: a batch of long records is packed into blocks of at most maxPackBytes (plus one record),
// each row in one block, in row order, every block before its rows.
func TestPackedBlocks(t *testing.T) {
	defer func(n int) { maxPackBytes = n }(maxPackBytes)
	maxPackBytes = 10_000
	path := filepath.Join(t.TempDir(), "long.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"record_id", "date", "direction", "reporter", "hs_code", "description"})
	for n := 1; n <= 3000; n++ {
		w.Write([]string{fmt.Sprint("P-", n), "2022-05-01", "import", "RU", "8542310000", strings.Repeat("long text ", 10+n%90)})
	}
	w.Flush()
	f.Close()
	st := &packStore{}
	res, err := File(context.Background(), st, path, Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	l := st.ld
	if res.Run.Accepted != 3000 || len(l.added) != 3000 || len(l.packed) != 3000 {
		t.Fatalf("accepted %d, added %d, packed %d; want 3000 each", res.Run.Accepted, len(l.added), len(l.packed))
	}
	if len(l.misfits) > 0 {
		t.Errorf("%d rows came before their block, e.g. %s", len(l.misfits), l.misfits[0])
	}
	if len(l.blocks) < 3000*300/maxPackBytes {
		t.Errorf("%d blocks for ~%d bytes of records, want them cut at %d bytes", len(l.blocks), 3000*300, maxPackBytes)
	}
	for i, rows := range l.blocks {
		if !slices.IsSorted(rows) {
			t.Errorf("block %d's rows are out of order: %v", i, rows)
		}
		if l.bytes[i] > maxPackBytes+1200 {
			t.Errorf("block %d holds %d bytes, over %d and a record", i, l.bytes[i], maxPackBytes)
		}
	}
}
