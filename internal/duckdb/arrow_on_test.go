//go:build duckdb_arrow

package duckdb

// appendRefusedRow appends to the rows a row without an id, which DuckDB refuses (NOT NULL): no shipment makes
// one, so it is built by hand.
func appendRefusedRow(r *arrowRows) {
	for _, fb := range r.b.Fields() {
		fb.AppendNull()
	}
	r.n++
}
