//go:build duckdb_arrow

package duckdb

import (
	"context"
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

// TestArrowStreamOutlivesItsView: a run's view still reads when the INSERT has read the last batch and before
// the view is dropped (no rows: they have ended), from another connection, as any connection can; once the run
// commits the view is gone. A stream let go before its view is dropped would take the process down on that
// read (DuckDB calls into a deleted handle).
func TestArrowStreamOutlivesItsView(t *testing.T) {
	ctx := context.Background()
	d := openFileStore(t)
	var view string
	n := -1
	loadedArrow = func(v string) {
		view = v
		if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM `+v).Scan(&n); err != nil {
			t.Errorf("reading the run's view after its last batch: %v", err)
		}
	}
	defer func() { loadedArrow = nil }()
	loadRun(t, d, "view.csv", func(run trade.RunID) []trade.Shipment { return trickyShipments(run)[:5] })
	if view == "" || n != 0 {
		t.Fatalf("the view read %d rows after the last batch (view %q), want 0", n, view)
	}
	var views int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_views() WHERE view_name = ?`, view).Scan(&views); err != nil || views != 0 {
		t.Errorf("views named %s after the commit: %d (%v), want none", view, views, err)
	}
}
