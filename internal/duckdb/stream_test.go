package duckdb

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// openFileStore opens a new store on disk, whose runs stream to their INSERT (as Arrow batches when built with
// the duckdb_arrow tag, else through a pipe).
func openFileStore(t *testing.T) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.duckdb"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestStreamLongLines ingests, into a store on disk, rows whose stored line is longer than DuckDB's default line
// limit between ordinary ones: the stream sends them to a file of long lines, loaded at commit, and every row is
// stored whole.
func TestStreamLongLines(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	p := filepath.Join(t.TempDir(), "long.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write(canonicalHeader)
	want := map[string]int{} // record id -> description length
	for n := 1; n <= 3000; n++ {
		row := rawTestRow(n)
		row[1] = "2022-05-05"
		if n%1000 == 500 { // two fields of 1.04 MB: a line longer than DuckDB's default limit of 2,000,000 bytes
			row[17] = strings.Repeat("Ж", 520_000) // 1,040,000 bytes
			row[6] = strings.Repeat("ADDRESS ", 130_000)
		}
		row[0] = fmt.Sprint("L-", n)
		w.Write(row)
		want[row[0]] = len(row[17])
	}
	w.Flush()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.File(ctx, d, p, ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Accepted+res.Run.Rejected != 3000 || res.Run.Rejected != res.Run.Reasons["duplicate"] {
		t.Fatalf("run: read %d, accepted %d, rejected %d %v", res.Run.Read, res.Run.Accepted, res.Run.Rejected, res.Run.Reasons)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT record_id, length(description), strlen(shipper_address) FROM shipments`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n, long int64
	for rows.Next() {
		var id string
		var desc, addr int
		if err := rows.Scan(&id, &desc, &addr); err != nil {
			t.Fatal(err)
		}
		if w := want[id]; w != 2*desc && w != desc { // length() counts letters: Ж is two bytes
			t.Errorf("%s: description of %d letters, want %d bytes", id, desc, w)
		}
		if addr > 900_000 {
			long++
		}
		n++
	}
	if n != res.Run.Accepted || long != 3 {
		t.Errorf("%d shipments stored (%d with a long address), want %d (3)", n, long, res.Run.Accepted)
	}
}

// TestStreamLoadFails has DuckDB refuse a row in the middle of a stream: the writes after it fail rather than
// wait on a pipe or a batch no one reads, Commit reports DuckDB's error, and the run is failed with nothing of it kept.
func TestStreamLoadFails(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	run := &trade.Run{File: "bad.csv", SHA256: strings.Repeat("b", 64), Size: 1, Profile: "canonical", Format: "csv",
		Encoding: "utf-8", Reasons: map[string]int64{}}
	ld, err := d.BeginRun(ctx, run, canonicalHeader)
	if err != nil {
		t.Fatal(err)
	}
	l := ld.(*loader)
	switch {
	case l.arrow != nil:
		appendRefusedRow(l.arrow)
	case l.pipe != nil:
		s := trade.Shipment{RecordID: "x", Prov: trade.Provenance{Run: run.ID, File: run.File, Row: 1}}
		if err := l.AddEncoded(&s, []byte("not\ta\tshipment\n")); err != nil {
			t.Fatal(err) // buffered: DuckDB has not seen it yet
		}
	default:
		t.Fatal("a store on disk did not stream its rows")
	}
	// Far more than the write buffer, the pipe (or the batches in flight) and DuckDB's read-ahead hold (up to 400
	// MB), so that writes meet the ended load.
	var werr error
	var written int
	for row := int64(2); written < 400<<20 && werr == nil; row++ {
		s := trade.Shipment{RecordID: fmt.Sprint("R-", row), Description: strings.Repeat("D", 1000),
			Prov: trade.Provenance{Run: run.ID, File: run.File, Row: row}}
		s.ID = ingest.ShipmentID(run.ID, row)
		line := l.EncodeRow(nil, &s)
		written += max(len(line), len(s.Description)) // Arrow rows are not encoded as lines
		werr = l.AddEncoded(&s, line)
	}
	t.Logf("the load's error met after %d MB", written>>20)
	if werr == nil || !strings.Contains(werr.Error(), "shipments") {
		t.Errorf("writes after the refused line: %v; want the load's error", werr)
	}
	run.Read, run.Accepted = 1, 1
	if err := ld.Commit(ctx, run); err == nil || !strings.Contains(err.Error(), "shipments") {
		t.Errorf("Commit = %v, want the load's error", err)
	}
	var status string
	var n int64
	if err := d.db.QueryRowContext(ctx, `SELECT status, (SELECT count(*) FROM shipments) FROM runs WHERE id = ?`, int64(run.ID)).Scan(&status, &n); err != nil {
		t.Fatal(err)
	}
	if status != string(trade.RunFailed) || n != 0 {
		t.Errorf("run %s with %d shipments stored, want failed with none", status, n)
	}
	if _, err := os.Stat(d.rawFile(int64(run.ID))); !os.IsNotExist(err) {
		t.Errorf("the failed run's file of source records: %v; want none", err)
	}
}

// cancelOnWrite cancels a context at its first write: ingest's progress line, a quarter of a second in.
type cancelOnWrite struct{ cancel context.CancelFunc }

func (c cancelOnWrite) Write(p []byte) (int, error) { c.cancel(); return len(p), nil }

// TestStreamInterrupted cancels a streamed ingest part way: it stops with an error rather than waiting on its
// pipe, keeps nothing of the run, and the same file then ingests whole into the same store.
func TestStreamInterrupted(t *testing.T) {
	d := openFileStore(t)
	rows := 300_000
	if testing.Short() { // under the race detector: slower by far, so still interrupted part way
		rows = 60_000
	}
	path := writeRawTestFile(t, "big.csv", 1, rows)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := ingest.File(ctx, d, path, ingest.Options{Profile: "canonical", Progress: cancelOnWrite{cancel}}); err == nil {
		t.Fatal("the interrupted ingest reported no error")
	}
	var n, runs int64
	if err := d.db.QueryRow(`SELECT (SELECT count(*) FROM shipments), (SELECT count(*) FROM runs WHERE status <> 'failed')`).Scan(&n, &runs); err != nil {
		t.Fatal(err)
	}
	if n != 0 || runs != 0 {
		t.Fatalf("after the interrupted ingest: %d shipments, %d runs not failed; want none", n, runs)
	}
	if left, _ := filepath.Glob(filepath.Join(d.rawDir, "*")); len(left) != 0 {
		t.Errorf("files of source records left: %v", left)
	}
	res, err := ingest.File(context.Background(), d, path, ingest.Options{Profile: "canonical"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped || res.Run.Read != int64(rows) || !res.Run.Adds() {
		t.Errorf("re-ingest: skipped %v, read %d, accepted %d, rejected %d", res.Skipped, res.Run.Read, res.Run.Accepted, res.Run.Rejected)
	}
	if err := d.db.QueryRow(`SELECT count(*) FROM shipments`).Scan(&n); err != nil || n != res.Run.Accepted {
		t.Errorf("%d shipments stored (%v), want %d", n, err, res.Run.Accepted)
	}
}
