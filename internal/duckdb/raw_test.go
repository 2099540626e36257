package duckdb

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestRawRoundTrip(t *testing.T) {
	tests := [][]string{
		{"a", "b", "c"},
		{""},
		{"tab\there", "line\nbreak\r\n", `back\slash`, "unit\x1fsep", `\t literal`, `ends with \`},
		{"ПП \"ЛЕОПОЛІСБУД\"", "中国北方工业有限公司", "NULL", `\N`},
	}
	for _, fields := range tests {
		e := rowEncoder{}
		e.rawRow(fields)
		line := string(e.b)
		if bytes.ContainsAny([]byte(line), "\t\n\r") {
			t.Errorf("rawRow(%q) wrote %q, which holds a tab or a line break", fields, line)
		}
		if got := decodeRaw(line); !cmp.Equal(got, fields) {
			t.Errorf("decodeRaw(rawRow(%q)) = %q", fields, got)
		}
	}
}

func FuzzRawRoundTrip(f *testing.F) {
	f.Add("a", "b\tc")
	f.Add(`\`, "\x1f\\s")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		e := rowEncoder{}
		e.rawRow([]string{a, b})
		if got := decodeRaw(string(e.b)); !cmp.Equal(got, []string{a, b}) {
			t.Errorf("decodeRaw(rawRow(%q, %q)) = %q", a, b, got)
		}
	})
}

// TestPackRaw packs rows whose fields hold every byte the old text encoding had to escape, and invalid UTF-8,
// and reads them back.
func TestPackRaw(t *testing.T) {
	rows := []int64{3, 4, 9, 1 << 30}
	raws := [][]string{
		{"a", "", "c"},
		{"tab\there", "line\nbreak\r\n", `back\slash`, "unit\x1fsep", `\N`},
		{},
		{"ПП \"ЛЕОПОЛІСБУД\"", "中国北方工业有限公司", "bad \xff\xfe bytes", "\xc3"},
	}
	packed := packRaw(rows, raws)
	if first, last := packedRange(packed); first != 3 || last != 1<<30 {
		t.Errorf("packedRange = %d, %d; want 3, %d", first, last, 1<<30)
	}
	var gotRows []int64
	var gotRaws [][]string
	err := unpackRaw(packed[rawHeader:], func(row int64, fields []string) {
		gotRows, gotRaws = append(gotRows, row), append(gotRaws, fields)
	})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(raws)
	want[2] = []string{}
	want[3] = []string{"ПП \"ЛЕОПОЛІСБУД\"", "中国北方工业有限公司", "bad \uFFFD bytes", "\uFFFD"}
	if !cmp.Equal(gotRows, rows) || !cmp.Equal(gotRaws, want) {
		t.Errorf("unpackRaw = %v %q, want %v %q", gotRows, gotRaws, rows, want)
	}
	// A block cut short, or with a byte changed in its length fields, is an error, not rows made up.
	for _, bad := range [][]byte{packed[rawHeader : len(packed)-3], append(slices.Clone(packed[rawHeader:]), 0)} {
		if err := unpackRaw(bad, func(int64, []string) {}); !errors.Is(err, errBadBlock) {
			t.Errorf("unpackRaw(damaged) = %v, want errBadBlock", err)
		}
	}
}

// TestRawRecords reads source records from the files of two runs and from raw_rows, where runs stored before
// raw_blocks keep theirs.
func TestRawRecords(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, t.TempDir()+"/r.duckdb", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	want := map[int64][]string{}
	// Run 1: rows 1..5000 in blocks of 1,000, every seventh row missing (rejected); run 2: one block.
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for run := int64(1); run <= 2; run++ {
		w, err := d.newRawWriter(run)
		if err != nil {
			t.Fatal(err)
		}
		for first := int64(1); first <= 5000; first += 1000 {
			var rows []int64
			var raws [][]string
			for row := first; row < first+1000; row++ {
				if row%7 == 0 {
					continue
				}
				f := []string{fmt.Sprint("run ", run), fmt.Sprint("row ", row), "x\ty"}
				rows, raws = append(rows, row), append(raws, f)
				want[run<<36|row] = f
			}
			if err := w.add(packRaw(rows, raws)); err != nil {
				t.Fatal(err)
			}
			if run == 2 {
				break
			}
		}
		if err := w.finish(ctx, tx); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	e := rowEncoder{}
	e.rawRow([]string{"old", "row\twith tab"})
	if _, err := d.db.ExecContext(ctx, `INSERT INTO raw_rows VALUES (?, ?)`, int64(3<<36|5), string(e.b)); err != nil {
		t.Fatal(err)
	}
	want[3<<36|5] = []string{"old", "row\twith tab"}

	ids := []int64{1<<36 | 1, 1<<36 | 999, 1<<36 | 1000, 1<<36 | 1002, 1<<36 | 4999, 1<<36 | 3501, 2<<36 | 1, 2<<36 | 998, 3<<36 | 5, 1<<36 | 1}
	missing := []int64{1<<36 | 7, 1<<36 | 5001, 2<<36 | 1001, 4<<36 | 1, 0}
	got, err := d.rawRecords(ctx, d.db, append(slices.Clone(ids), missing...))
	if err != nil {
		t.Fatal(err)
	}
	wantGot := map[int64][]string{}
	for _, id := range ids {
		wantGot[id] = want[id]
	}
	if diff := cmp.Diff(wantGot, got); diff != "" {
		t.Errorf("rawRecords (-want +got):\n%s", diff)
	}
	// Every record of run 1, in one call: each block read once.
	var all []int64
	for id := range want {
		if id>>36 == 1 {
			all = append(all, id)
		}
	}
	got, err = d.rawRecords(ctx, d.db, all)
	if err != nil || len(got) != len(all) {
		t.Fatalf("rawRecords(all of run 1) = %d records, %v; want %d", len(got), err, len(all))
	}
	for _, id := range all {
		if !cmp.Equal(got[id], want[id]) {
			t.Fatalf("rawRecords(%d) = %q, want %q", id, got[id], want[id])
		}
	}
	if f, ok, err := d.rawRecord(ctx, d.db, 1<<36|7); ok || err != nil {
		t.Errorf("rawRecord(a rejected row) = %q, %v, %v; want none", f, ok, err)
	}
}
