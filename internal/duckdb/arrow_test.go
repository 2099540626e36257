package duckdb

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tradetrace/internal/country"
	"tradetrace/internal/ingest"
	"tradetrace/internal/trade"
)

// trickyShipments are shipments whose values test how rows reach DuckDB: tabs and line breaks in text, a value
// that reads as the text format's NULL, invalid UTF-8, missing and extreme numbers, a date before 1970, Cyrillic
// and Han, a field of 3 MB, empty fields.
func trickyShipments(run trade.RunID) []trade.Shipment {
	texts := []string{"plain", "tab\there", "line\nbreak\r\nand more", `\N`, `\\N`, "bad \xff\xfe utf-8", "ООО «ТЕХКРИМ»",
		"西安缤果智能航空", "", strings.Repeat("Ж", 1_500_000), "trailing space ", `back\slash`}
	nums := []trade.Num{{}, trade.N(0), trade.N(-1.5), trade.N(1e300), trade.N(0.1 + 0.2), trade.N(math.SmallestNonzeroFloat64), trade.N(123456789.125)}
	dates := []time.Time{time.Date(2022, 6, 15, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)}
	var out []trade.Shipment
	for i := 0; i < 40; i++ {
		t := func(k int) string { return texts[(i+k)%len(texts)] }
		n := func(k int) trade.Num { return nums[(i+k)%len(nums)] }
		row := int64(i + 1)
		s := trade.Shipment{
			ID: ingest.ShipmentID(run, row), RecordID: fmt.Sprintf("T-%d %s", i, t(0)[:min(len(t(0)), 20)]),
			Date: dates[i%len(dates)], Direction: trade.Direction(i % 3), Reporter: country.Code("RU"),
			DeclarationNo: t(1), ItemNo: i * 7,
			Shipper:   trade.Party{Name: t(2), NameEn: t(3), Address: t(4), AddressEn: t(5), Country: country.Code("CN"), ID: t(6)},
			Consignee: trade.Party{Name: t(7), NameEn: t(8), Address: t(9), AddressEn: t(10), Country: country.Code("RU"), ID: t(11)},
			Origin:    "CN", Dispatch: "AE", Destination: "RU", Trading: "",
			Description: t(3), DescriptionEn: t(5), Brand: t(7), Manufacturer: t(9),
			Quantity: n(0), Unit: "PCS", GrossWeightKg: n(1), NetWeightKg: n(2), Value: n(3), Currency: "USD", ValueUSD: n(4),
			Aggregated: i%2 == 0, Fingerprint: uint64(i) * 0x9E3779B97F4A7C15,
			Prov: trade.Provenance{Run: run, File: "tricky.csv", Row: row},
		}
		s.HS, s.HS6 = "9303201000", "930320"
		out = append(out, s)
	}
	return out
}

// loadRun loads the shipments as a run of file into d, each with a raw record of its own, and commits it.
func loadRun(t *testing.T, d *DB, file string, ships func(trade.RunID) []trade.Shipment) {
	t.Helper()
	ctx := context.Background()
	run := &trade.Run{File: file, SHA256: strings.Repeat("c", 64), Size: 1, Profile: "canonical", Format: "csv",
		Encoding: "utf-8", Reasons: map[string]int64{}}
	ld, err := d.BeginRun(ctx, run, canonicalHeader)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ships(run.ID) {
		if err := ld.Add(&s, []string{s.RecordID, "raw"}); err != nil {
			t.Fatal(err)
		}
		run.Read++
		run.Accepted++
	}
	if err := ld.Commit(ctx, run); err != nil {
		t.Fatal(err)
	}
}

// storedRows loads the shipments as a run of a new store on disk and returns the stored rows, every column as
// text, in id order.
func storedRows(t *testing.T, ships func(trade.RunID) []trade.Shipment) []string {
	t.Helper()
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	loadRun(t, d, "tricky.csv", ships)
	rows, err := d.db.QueryContext(ctx, `SELECT * EXCLUDE (id, run_id) FROM shipments ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%#v|", cols[i], v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRowsLoadAlike loads the same shipments streamed (as Arrow batches when built with the duckdb_arrow tag, as
// text through a pipe otherwise) and in chunk files of text, and finds the same rows stored, value for value.
func TestRowsLoadAlike(t *testing.T) {
	streamed := storedRows(t, trickyShipments)
	restore := SetChunkRows(7)
	chunked := storedRows(t, trickyShipments)
	restore()
	if len(streamed) != 40 || len(chunked) != 40 {
		t.Fatalf("%d rows streamed, %d in chunks; want 40 each", len(streamed), len(chunked))
	}
	for i := range streamed {
		if streamed[i] != chunked[i] {
			t.Errorf("row %d differs:\nstreamed %.600s\nchunked  %.600s", i+1, streamed[i], chunked[i])
		}
	}
	if !strings.Contains(streamed[0], "date=time.Date(2022, time.June, 15") || !strings.Contains(strings.Join(streamed, ""), "time.Date(1969, time.December, 31") {
		t.Errorf("dates not stored as given: %.300s", streamed[0])
	}
}
