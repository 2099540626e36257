package duckdb

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// canonicalHeader is the canonical layout's header, as the contract's fixtures write it.
var canonicalHeader = strings.Fields(strings.ReplaceAll(canonicalSelect, ",", " "))

// rawTestRow is row n of the files TestIngestedRecords writes: every 97th has a date no one can read, every 89th
// repeats the row before it, and the description holds a tab and a quote.
func rawTestRow(n int) []string {
	date := fmt.Sprintf("2022-%02d-%02d", n%12+1, n%28+1)
	if n%97 == 0 {
		date = "not a date"
	}
	if n%89 == 0 {
		n--
	}
	return []string{fmt.Sprintf("RB-%d", n), date, "export", "CN", fmt.Sprintf("DN-%d", n), fmt.Sprintf("SHIPPER %d CO LTD", n%50),
		"1 Road, Shenzhen", "CN", "", "OOO ПОКУПАТЕЛЬ", "Moscow", "RU", "", "CN", "CN", "RU", "8542310000",
		fmt.Sprintf("CIRCUITS\tLOT %d \"A\"", n), "", "", "10", "PCS", "", "1.5", "100", "USD", "100"}
}

func writeRawTestFile(t *testing.T, name string, from, to int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(canonicalHeader)
	for n := from; n <= to; n++ {
		w.Write(rawTestRow(n))
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestIngestedRecords ingests files of several batches, streamed to the store and, again, in chunks of 1,000
// rows, and reads back the source record of every shipment and every rejected row: from the blocks, whole
// blocks of duplicates gone.
func TestIngestedRecords(t *testing.T) {
	t.Run("stream", testIngestedRecords)
	t.Run("chunks", func(t *testing.T) {
		defer SetChunkRows(1000)()
		testIngestedRecords(t)
	})
}

func testIngestedRecords(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "r.duckdb"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	a, err := ingest.File(ctx, d, writeRawTestFile(t, "a.csv", 1, 5000), ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	// The second file repeats rows 2001..5000 of the first and adds 1,000: the blocks holding only repeated rows
	// are left with no shipment, and go.
	b, err := ingest.File(ctx, d, writeRawTestFile(t, "b.csv", 2001, 6000), ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*trade.Run{&a.Run, &b.Run} {
		if !r.Adds() || r.Accepted == 0 || r.Rejected == 0 {
			t.Fatalf("run %d: read %d, accepted %d, rejected %d", r.ID, r.Read, r.Accepted, r.Rejected)
		}
	}
	if b.Run.Reasons["duplicate"] < 2900 {
		t.Errorf("second run's duplicates = %d, want the ~3,000 rows it repeats", b.Run.Reasons["duplicate"])
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, run_id, row_no FROM shipments ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type line struct{ id, run, row int64 }
	var lines []line
	for rows.Next() {
		var l line
		if err := rows.Scan(&l.id, &l.run, &l.row); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	rows.Close()
	if int64(len(lines)) != a.Run.Accepted+b.Run.Accepted {
		t.Fatalf("%d shipments stored, want %d", len(lines), a.Run.Accepted+b.Run.Accepted)
	}
	first := map[int64]int{int64(a.Run.ID): 1, int64(b.Run.ID): 2001} // the number of each run's first row
	ids := make([]int64, len(lines))
	for i, l := range lines {
		ids[i] = l.id
	}
	recs, err := d.rawRecords(ctx, d.db, ids)
	if err != nil || len(recs) != len(lines) {
		t.Fatalf("rawRecords(every shipment) = %d records, %v; want %d", len(recs), err, len(lines))
	}
	for i, l := range lines {
		want := rawTestRow(first[l.run] + int(l.row) - 1)
		if !cmp.Equal(recs[l.id], want) {
			t.Fatalf("source record of run %d row %d = %q, want %q", l.run, l.row, recs[l.id], want)
		}
		if i%97 != 0 {
			continue
		}
		raw, err := d.Raw(ctx, trade.ShipmentID(l.id))
		if err != nil || len(raw) != len(want) {
			t.Fatalf("Raw(run %d row %d) = %q, %v", l.run, l.row, raw, err)
		}
		for i := range raw {
			if raw[i] != [2]string{canonicalHeader[i], want[i]} {
				t.Fatalf("Raw(run %d row %d)[%d] = %q, want %q", l.run, l.row, i, raw[i], want[i])
			}
		}
	}
	for _, r := range []*trade.Run{&a.Run, &b.Run} {
		rejs, err := d.Rejections(ctx, r.ID, 10_000)
		if err != nil || int64(len(rejs)) != r.Rejected {
			t.Fatalf("Rejections(run %d) = %d, %v; want %d", r.ID, len(rejs), err, r.Rejected)
		}
		for _, rj := range rejs {
			if want := rawTestRow(first[int64(r.ID)] + int(rj.Row) - 1); !cmp.Equal(rj.Raw, want) {
				t.Fatalf("rejected row %d of run %d (%s) keeps %q, want %q", rj.Row, r.ID, rj.Reason, rj.Raw, want)
			}
		}
	}
	// Run a has five blocks of up to 1,024 rows. Run b's rows 1..3000 are all duplicates: of its four blocks, the
	// first two hold nothing else.
	var blocks, orphans int64
	err = d.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM shipments s
		WHERE s.run_id = b.run_id AND s.row_no BETWEEN b.first_row AND b.last_row)) FROM raw_blocks b`).Scan(&blocks, &orphans)
	if err != nil || orphans != 0 || blocks != 5+2 {
		t.Errorf("raw_blocks: %d, of which %d hold no shipment (%v); want 5 + 2, none", blocks, orphans, err)
	}
}

// TestRawFilesOfUnfinishedRuns: an aborted run leaves no file of source records, nor does a run whose process
// stopped before it committed (the store removes the file when next opened); a committed run's file stays.
func TestRawFilesOfUnfinishedRuns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "u.duckdb")
	d, err := Open(ctx, path, Config{})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := ingest.File(ctx, d, writeRawTestFile(t, "k.csv", 1, 1500), ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	begin := func(name string) (*trade.Run, ingest.Loader) {
		run := &trade.Run{File: name, SHA256: fmt.Sprintf("%064x", len(name)), Size: 1, Profile: "canonical", Format: "csv",
			Encoding: "utf-8", Reasons: map[string]int64{}}
		ld, err := d.BeginRun(ctx, run, canonicalHeader)
		if err != nil {
			t.Fatal(err)
		}
		for row := int64(1); row <= 3; row++ {
			s := trade.Shipment{RecordID: fmt.Sprint(name, row), Fingerprint: uint64(len(name))<<8 | uint64(row),
				Prov: trade.Provenance{Run: run.ID, File: name, Row: row}}
			if err := ld.Add(&s, rawTestRow(int(row))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := os.Stat(d.rawFile(int64(run.ID))); err != nil {
			t.Fatalf("while run %d loads: %v", run.ID, err)
		}
		return run, ld
	}
	aborted, ld := begin("aborted.csv")
	if err := ld.Abort(fmt.Errorf("test: stopped")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d.rawFile(int64(aborted.ID))); !os.IsNotExist(err) {
		t.Errorf("after Abort, run %d's file: %v; want none", aborted.ID, err)
	}
	killed, _ := begin("killed.csv") // never committed: the process "stops" here
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if d, err = Open(ctx, path, Config{}); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := os.Stat(d.rawFile(int64(killed.ID))); !os.IsNotExist(err) {
		t.Errorf("after reopening, the unfinished run %d's file: %v; want none", killed.ID, err)
	}
	var n int64
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM raw_blocks WHERE run_id <> ?`, int64(kept.Run.ID)).Scan(&n); err != nil || n != 0 {
		t.Errorf("raw_blocks holds %d blocks of unfinished runs (%v), want 0", n, err)
	}
	raw, err := d.Raw(ctx, ingest.ShipmentID(kept.Run.ID, 1500))
	if err != nil || len(raw) != len(canonicalHeader) || raw[0][1] != "RB-1500" {
		t.Errorf("Raw(committed run, row 1500) = %q, %v", raw, err)
	}
}
