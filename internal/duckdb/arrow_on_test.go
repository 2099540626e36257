//go:build duckdb_arrow

package duckdb

import "tradetrace/internal/trade"

// appendRefusedRow appends to the rows one that DuckDB refuses: its record id is not UTF-8. No shipment makes
// such a row (text is cleaned as it is appended), so it is spoilt by hand.
func appendRefusedRow(r *arrowRows) {
	r.add(&trade.Shipment{RecordID: "bad"})
	ids := &r.b.strs[0]
	ids.vals[len(ids.vals)-1] = 0xff
}
