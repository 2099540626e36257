//go:build duckdb_arrow

package duckdb

import (
	"strings"
	"testing"

	"tradetrace/internal/trade"
)

// appendRefusedRow appends to the rows one that DuckDB refuses: its record id is not UTF-8. No shipment makes
// such a row (text is cleaned as it is appended), so it is spoilt by hand.
func appendRefusedRow(r *arrowRows) {
	r.add(&trade.Shipment{RecordID: "bad"})
	ids := &r.b.strs[0]
	ids.vals[len(ids.vals)-1] = 0xff
}

// TestArrowBatchesGoWhenTextFills: with room for 2 MB of text in a column, the batches of the tricky shipments
// (one field of 3 MB) go early, and the rows stored are those of a load in chunk files.
func TestArrowBatchesGoWhenTextFills(t *testing.T) {
	old := maxBatchText
	maxBatchText = 2 << 20
	defer func() { maxBatchText = old }()
	var batches int
	sentArrow = func() { batches++ }
	defer func() { sentArrow = nil }()
	streamed := storedRows(t, trickyShipments)
	restore := SetChunkRows(7)
	chunked := storedRows(t, trickyShipments)
	restore()
	if batches < 2 {
		t.Errorf("%d batches sent, want the 40 rows in several", batches)
	}
	if len(streamed) != 40 || strings.Join(streamed, "\n") != strings.Join(chunked, "\n") {
		t.Errorf("%d rows stored in batches cut short, unlike the %d stored in chunk files", len(streamed), len(chunked))
	}
}
